package com.xorstack.ailog.privacy;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Texts made to hurt a tokenising redactor, up to {@value #MAX_LENGTH} characters, well
 * past {@link Redactor#MAX_INPUT}: random UTF-16 (lone surrogates included), long runs of
 * one character, letters before an at sign, and shapes, each a motif of its pieces
 * repeated to a random length: digit groups and their separators, deep and unbalanced
 * JSON, colons, invisible and full-width characters, surrogates, runs of titles,
 * written-out e-mail cues, and cue words of every detector. Drawn from a seeded
 * {@link SplittableRandom}, so that a build is repeatable; the redactor's property tests
 * and the Kafka ingest test share them.
 */
public final class AdversarialTexts {

	public static final int MAX_LENGTH = 20_000;

	private static final List<List<String>> SHAPES = List.of(
			// at signs
			List.of("@", "@", "a@", "@.", ".", "a", "b.com"),
			// digit groups and every separator a phone, SSN or card number uses
			List.of("1", "12", "123", "4567", " ", "-", ".", "/", "(", ")", "(555)", "+", ", "),
			// deep, unbalanced and ordinary JSON
			List.of("[", "[[[[", "{", "{{{{", "{\"a\":[", "[{\"b\":", "\"", ":", ",", "}", "]", "1",
					"\"name\":\"Jane Doe\"", "null"),
			// colons and equals signs: fields, times, IPv6
			List.of(":", "=", "::", "a", "1", " ", "name", "DOB"),
			// hex and colons: IPv6 and MAC addresses, and what almost is one
			List.of("fe80", "0", "1", "ff", "abcd", "dead", "beef", ":", "::", ".", "10", "255", "-"),
			// invisible and full-width characters, NFKC expansions
			List.of("\u200b", "\u00ad", "\ufeff", "\uff10", "\uff11", "\uff15", "\uff19", "\uff0d", "\u2013", "\u00a0",
					"1", "5", " ", "-", "\ufdfa", "\ufb03"),
			// surrogate pairs and lone surrogates
			List.of("\ud83d\ude00", "\ud83d", "\ude00", "\ud835\udfcf", "a", " ", "1"),
			// runs of titles
			List.of("Dr. ", "Dr ", "Mrs. ", "Herr ", "Frau ", "Prof. ", "med. ", "von ", "Jane ", "J. "),
			// written-out e-mail addresses and what almost is one
			List.of("at ", "dot ", "a ", "(at) ", "[dot] ", "com ", "jane ", ". "),
			// cue words of every detector, and numbers
			List.of("Mrs", "Patient", "MRN", "born", "Tel", "at", "dot", "Street", "Am", "IP", ":", "=", "Jane", "Doe",
					"1", "12", "1984", "555", "123-45", " ", " ", ". ", ", ", "\n"));

	private static final char[] RUN_CHARACTERS = { 'a', 'A', '1', ' ', '@', '.', '-', ':', '=', '[', '{', '"', '\u200b',
			'\uff11', '\ud83d' };

	private AdversarialTexts() {
	}

	/**
	 * Any of the texts: random text 2 in 10, runs 1, letters and an at sign 1, shapes 6.
	 */
	public static String any(SplittableRandom random) {
		int pick = random.nextInt(10);
		if (pick < 2) {
			return unicode(random);
		}
		if (pick < 3) {
			return runOfOneCharacter(random);
		}
		if (pick < 4) {
			return "a".repeat(length(random)) + "@";
		}
		return shape(random);
	}

	/** One of the shapes, each equally often. */
	public static String shape(SplittableRandom random) {
		List<String> pieces = SHAPES.get(random.nextInt(SHAPES.size()));
		StringBuilder motif = new StringBuilder();
		for (int n = 1 + random.nextInt(40); n > 0; n--) {
			motif.append(pieces.get(random.nextInt(pieces.size())));
		}
		return repeat(motif.toString(), length(random));
	}

	/** Any UTF-16 text, lone surrogates included. */
	static String unicode(SplittableRandom random) {
		char[] text = new char[random.nextInt(MAX_LENGTH + 1)];
		for (int i = 0; i < text.length; i++) {
			text[i] = (char) random.nextInt(Character.MAX_VALUE + 1);
		}
		return new String(text);
	}

	static String runOfOneCharacter(SplittableRandom random) {
		char c = random.nextBoolean() ? (char) random.nextInt(Character.MAX_VALUE + 1)
				: RUN_CHARACTERS[random.nextInt(RUN_CHARACTERS.length)];
		return String.valueOf(c).repeat(length(random));
	}

	private static int length(SplittableRandom random) {
		return 1 + random.nextInt(MAX_LENGTH);
	}

	/** The motif repeated and cut to {@code length}, which may split a surrogate pair. */
	static String repeat(String motif, int length) {
		if (motif.isEmpty()) {
			return motif;
		}
		StringBuilder text = new StringBuilder(length + motif.length());
		while (text.length() < length) {
			text.append(motif);
		}
		text.setLength(length);
		return text.toString();
	}

}
