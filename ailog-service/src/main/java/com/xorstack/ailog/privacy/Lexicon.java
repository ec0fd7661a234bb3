package com.xorstack.ailog.privacy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The words detection knows, English and German, each with flag bits: given names and
 * surnames (classpath {@code privacy/*.txt}, see the README there), words that are also
 * names, titles, the cue words that announce a name, a date, an identifier or a place,
 * month names, units and top-level domains. Keys are lower case.
 */
final class Lexicon {

	static final int GIVEN = 1;

	static final int SURNAME = 1 << 1;

	/** A name that is also an ordinary word: alone and capitalised it is not a name. */
	static final int COMMON = 1 << 2;

	static final int TITLE = 1 << 3;

	/** Announces a name whatever its capitalised word is: "named", "heißt". */
	static final int NAME_CUE = 1 << 4;

	/** Announces a person: a following known name is one even if it is also a word. */
	static final int PERSON_CUE = 1 << 5;

	static final int MONTH = 1 << 6;

	/** An abbreviated month, a date only with a day or a year beside it. */
	static final int MONTH_SHORT = 1 << 7;

	static final int DATE_CUE = 1 << 8;

	static final int ID_CUE = 1 << 9;

	static final int PHONE_CUE = 1 << 10;

	static final int FAX_CUE = 1 << 11;

	static final int STREET = 1 << 12;

	static final int UNIT = 1 << 13;

	static final int TLD = 1 << 14;

	/** The first word of a city's name. */
	static final int CITY = 1 << 15;

	static final int AGE_WORD = 1 << 16;

	/** A name that mostly names a disease or a sign (Parkinson, Crohn). */
	static final int EPONYM = 1 << 17;

	static final int PLACE_CUE = 1 << 18;

	static final int ADDRESS_UNIT = 1 << 19;

	static final int DISEASE = 1 << 20;

	static final int BIOMETRIC_CUE = 1 << 21;

	static final int ORDINAL = 1 << 22;

	static final int URL_SCHEME = 1 << 23;

	static final int IP_CUE = 1 << 24;

	static final int PARTICLE = 1 << 25;

	/**
	 * A word that starts an address or names a place: am, zum, zip, PLZ, Wohnort,
	 * Landkreis.
	 */
	static final int PLACE_WORD = 1 << 26;

	/** "at", "dot" and their German forms, of an e-mail address written out. */
	static final int AT_DOT = 1 << 27;

	/** The name of a coding system: ICD, SNOMED, LOINC. */
	static final int CODE_SYSTEM = 1 << 28;

	private static final Lexicon DEFAULT = load();

	/**
	 * An open-addressing table of the lower-case words and their flags, looked up by a
	 * range of the text without making a string of it: every word of every event is
	 * looked up, and a substring and its lower-case copy per word were most of the
	 * tokenizer's time.
	 */
	private final String[] keys;

	private final int[] hashes;

	private final int[] values;

	private final Set<String> cities;

	private Lexicon(Map<String, Integer> flags, Set<String> cities) {
		int size = Integer.highestOneBit(Math.max(16, flags.size() * 3)) << 1;
		this.keys = new String[size];
		this.hashes = new int[size];
		this.values = new int[size];
		flags.forEach((word, bits) -> {
			int hash = hash(word, 0, word.length());
			int slot = mix(hash) & (size - 1);
			while (this.keys[slot] != null) {
				slot = (slot + 1) & (size - 1);
			}
			this.keys[slot] = word;
			this.hashes[slot] = hash;
			this.values[slot] = bits;
		});
		this.cities = cities;
	}

	static Lexicon get() {
		return DEFAULT;
	}

	int flags(String lower) {
		return flags(lower, 0, lower.length());
	}

	/** The flags of {@code text[start, end)} in lower case; 0 for an unknown word. */
	int flags(String text, int start, int end) {
		int hash = hash(text, start, end);
		int mask = this.keys.length - 1;
		for (int slot = mix(hash) & mask; this.keys[slot] != null; slot = (slot + 1) & mask) {
			if (this.hashes[slot] == hash && equalsLowerCase(this.keys[slot], text, start, end)) {
				return this.values[slot];
			}
		}
		return 0;
	}

	private static int hash(String text, int start, int end) {
		int hash = 0;
		for (int i = start; i < end; i++) {
			hash = 31 * hash + Character.toLowerCase(text.charAt(i));
		}
		return hash;
	}

	private static int mix(int hash) {
		return hash ^ (hash >>> 16);
	}

	private static boolean equalsLowerCase(String key, String text, int start, int end) {
		if (key.length() != end - start) {
			return false;
		}
		for (int i = 0; i < key.length(); i++) {
			if (key.charAt(i) != Character.toLowerCase(text.charAt(start + i))) {
				return false;
			}
		}
		return true;
	}

	/** Whether these words, lower case and joined by single spaces, name a city. */
	boolean isCity(String lowerWords) {
		return this.cities.contains(lowerWords);
	}

	private static Lexicon load() {
		Map<String, Integer> flags = new HashMap<>(32_768);
		Set<String> cities = new HashSet<>();
		resource("given-names.txt").forEach((name) -> add(flags, GIVEN, name));
		resource("surnames.txt").forEach((name) -> add(flags, SURNAME, name));
		resource("name-words-also-common.txt").forEach((word) -> add(flags, COMMON, word));
		for (String city : resource("cities.txt")) {
			String lower = city.toLowerCase(Locale.ROOT).replaceAll("[\\s-]+", " ");
			cities.add(lower);
			add(flags, CITY, lower.split(" ")[0]);
		}
		Words.ALL.forEach((flag, words) -> {
			for (String word : words.split(" ")) {
				add(flags, flag, word);
			}
		});
		return new Lexicon(flags, Set.copyOf(cities));
	}

	private static void add(Map<String, Integer> flags, int flag, String word) {
		StringBuilder lower = new StringBuilder(word.length());
		word.chars().forEach((c) -> lower.append(Character.toLowerCase((char) c)));
		flags.merge(lower.toString(), flag, (a, b) -> a | b);
	}

	private static Set<String> resource(String name) {
		Set<String> lines = new HashSet<>();
		try (InputStream in = Lexicon.class.getResourceAsStream("/privacy/" + name)) {
			if (in == null) {
				throw new IllegalStateException("privacy/" + name + " is missing from the classpath");
			}
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				String entry = line.strip();
				if (!entry.isEmpty() && !entry.startsWith("#")) {
					lines.add(entry);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return lines;
	}

}
