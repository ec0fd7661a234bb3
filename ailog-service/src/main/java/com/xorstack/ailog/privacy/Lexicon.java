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

	private static final Lexicon DEFAULT = load();

	private final Map<String, Integer> flags;

	private final Set<String> cities;

	private Lexicon(Map<String, Integer> flags, Set<String> cities) {
		this.flags = flags;
		this.cities = cities;
	}

	static Lexicon get() {
		return DEFAULT;
	}

	int flags(String lower) {
		Integer bits = this.flags.get(lower);
		return (bits != null) ? bits : 0;
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
		return new Lexicon(Map.copyOf(flags), Set.copyOf(cities));
	}

	private static void add(Map<String, Integer> flags, int flag, String word) {
		flags.merge(word.toLowerCase(Locale.ROOT), flag, (a, b) -> a | b);
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
