package com.xorstack.ailog.privacy;

import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.Tuple;

/**
 * Texts made to hurt a tokenising redactor, up to {@value #MAX_LENGTH} characters, well
 * past {@link Redactor#MAX_INPUT}: random unicode, long runs of one character, letters
 * before an at sign, and shapes, each a motif of its pieces repeated to a random length:
 * digit groups and their separators, deep and unbalanced JSON, colons, invisible and
 * full-width characters, surrogates, runs of titles, written-out e-mail cues, and cue
 * words of every detector. The redactor's properties and the Kafka ingest test share
 * them.
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

	private AdversarialTexts() {
	}

	/** Any of the texts, mostly shapes. */
	public static Arbitrary<String> any() {
		return Arbitraries.frequencyOf(Tuple.of(2, unicode()), Tuple.of(1, runsOfOneCharacter()),
				Tuple.of(1, lettersThenAt()), Tuple.of(6, shapes()));
	}

	/** Each shape equally often. */
	public static Arbitrary<String> shapes() {
		return Arbitraries.oneOf(SHAPES.stream().map(AdversarialTexts::repeated).toList());
	}

	/** Any UTF-16 text, lone surrogates included. */
	static Arbitrary<String> unicode() {
		return Arbitraries.strings().all().ofMaxLength(MAX_LENGTH).withLengthDistribution(RandomDistribution.uniform());
	}

	static Arbitrary<String> runsOfOneCharacter() {
		Arbitrary<Character> character = Arbitraries.oneOf(Arbitraries.chars().all(), Arbitraries.of('a', 'A', '1', ' ',
				'@', '.', '-', ':', '=', '[', '{', '"', '\u200b', '\uff11', '\ud83d'));
		return Combinators.combine(character, length()).as((c, n) -> String.valueOf(c).repeat(n));
	}

	static Arbitrary<String> lettersThenAt() {
		return length().map((n) -> "a".repeat(n) + "@");
	}

	/** The pieces, 1 to 40 of them in any order, repeated to a random length. */
	static Arbitrary<String> repeated(List<String> pieces) {
		Arbitrary<String> motif = Arbitraries.of(pieces)
			.list()
			.ofMinSize(1)
			.ofMaxSize(40)
			.map((p) -> String.join("", p));
		return Combinators.combine(motif, length()).as(AdversarialTexts::repeat);
	}

	private static Arbitrary<Integer> length() {
		return Arbitraries.integers().between(1, MAX_LENGTH).withDistribution(RandomDistribution.uniform());
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
