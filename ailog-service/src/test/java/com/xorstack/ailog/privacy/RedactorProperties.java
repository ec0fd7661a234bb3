package com.xorstack.ailog.privacy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * What the redactor promises whatever it is given: it answers, within its bounds, in time
 * linear in the text; and what it promises of meaning: an e-mail address, phone number or
 * SSN in prose never survives, and prose without any of them comes back as it came. Seeds
 * are fixed so that a build is repeatable; a new seed explores further.
 */
class RedactorProperties {

	/**
	 * A stall check against super-linear blow-ups, not a speed claim: one redaction
	 * normally takes microseconds, and at most a few milliseconds at the input cap.
	 */
	private static final Duration STALL = Duration.ofSeconds(2);

	/** Greetings, "name is" and the written-out dot: cues that act on lower-case text. */
	private static final Set<String> LOWER_CASE_CUES = Set.of("name", "dear", "hi", "hello", "hey", "hallo", "liebe",
			"lieber", "dot", "punkt");

	/**
	 * Adversarial shapes the redactor reads in linear time (a run of titles it does not).
	 */
	private static final List<String> LINEAR_MOTIFS = List.of("lorem ipsum ", "Jane Doe ", "Hi Will ", "1 ", "12-",
			"1.", "(555) 123-4567 ", "@", "a@", "a.", "a-", "a:", "a=", "fe80::", "at dot ", "jane at example dot com ",
			"{\"a\":[", "[{\"b\":", "\"name\": \"Jane\", ", "MRN 12345 ", "Am Markt 3, ", "1\u200b", "\uff11 ",
			"\ud83d\ude00");

	private final Redactor redactor = Redactor.withDefaults();

	@Property(tries = 200, seed = "20261202")
	void aPreviewOfAnyTextIsPromptShortAndEndsOnAWholeCharacter(@ForAll("adversarial") String text) {
		String preview = timed(() -> this.redactor.preview(text));
		assertThat(preview.length()).isLessThanOrEqualTo(Redactor.MAX_PREVIEW);
		if (!hasHalfACharacter(text)) {
			assertThat(hasHalfACharacter(preview)).as("splits a surrogate pair").isFalse();
		}
	}

	@Property(tries = 100, seed = "20261203")
	void anIdOrAttributeOfAnyTextIsPromptAndWithinItsLength(@ForAll("adversarial") String text) {
		String id = timed(() -> this.redactor.id(text));
		String attribute = timed(() -> this.redactor.text(text, Redactor.MAX_ATTRIBUTE));
		assertThat(id.length()).isLessThanOrEqualTo(Redactor.MAX_INPUT);
		assertThat(attribute.length()).isLessThanOrEqualTo(Redactor.MAX_ATTRIBUTE);
	}

	@Provide
	Arbitrary<String> adversarial() {
		return AdversarialTexts.any();
	}

	/** The redaction, within the stall bound; anything it throws fails the property. */
	private static String timed(Supplier<String> redaction) {
		return assertTimeoutPreemptively(STALL, redaction::get);
	}

	/**
	 * A lone surrogate: a text that has none must come back without one, so neither the
	 * cuts nor a replacement may split a pair (a cut ending on a high surrogate would).
	 */
	private static boolean hasHalfACharacter(String text) {
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
					&& Character.isLowSurrogate(text.charAt(i + 1));
			if (pair) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Linear time without trusting one timing: 32 texts of 250 characters and one of 8000
	 * (under the cap) are the same work for a linear redactor, so the ratio of their
	 * times is about 1 on any machine (below it where the per-call cost shows); for a
	 * quadratic one it approaches 32 (a run of titles measures 5 to 25 today). The two
	 * are timed alternately after a warm-up and the medians of nine rounds compared, so
	 * that a GC pause or a busy neighbour on a shared machine hits both or neither; of up
	 * to three such measurements the lowest counts, since noise seldom strikes three
	 * times in a row and a super-linear detector is slow every time. The bound of 4
	 * absorbs what noise is left and still catches a quadratic detector.
	 */
	@Example
	void redactionTimeGrowsLinearlyWithTheText() {
		LINEAR_MOTIFS.forEach(this::costOfOneLongTextOverManyShort);
		for (String motif : LINEAR_MOTIFS) {
			assertThat(costOfOneLongTextOverManyShort(motif)).as(motif).isLessThan(4);
		}
	}

	@Example
	void aRunOfTitlesTakesLinearTime() {
		costOfOneLongTextOverManyShort("Dr ");
		assertThat(costOfOneLongTextOverManyShort("Dr ")).isLessThan(4);
	}

	@Example
	void aTextStartingWithAColonOrEqualsSignIsRedacted() {
		for (String text : List.of(":", "=1", ": Jane Doe", "Answer [1]: yes", "{\"time\": \":30\"}")) {
			assertThatNoException().as(text).isThrownBy(() -> this.redactor.preview(text));
		}
	}

	/** The lowest of up to three ratios, each of the medians of nine alternate rounds. */
	private double costOfOneLongTextOverManyShort(String motif) {
		String shortText = AdversarialTexts.repeat(motif, 250);
		String longText = AdversarialTexts.repeat(motif, 32 * 250);
		double lowest = Double.MAX_VALUE;
		for (int attempt = 0; attempt < 3 && lowest >= 4; attempt++) {
			long[] shortTimes = new long[9];
			long[] longTimes = new long[9];
			for (int round = -3; round < shortTimes.length; round++) {
				long start = System.nanoTime();
				for (int i = 0; i < 32; i++) {
					this.redactor.preview(shortText);
				}
				long middle = System.nanoTime();
				this.redactor.preview(longText);
				long end = System.nanoTime();
				if (round >= 0) {
					shortTimes[round] = middle - start;
					longTimes[round] = end - middle;
				}
			}
			Arrays.sort(shortTimes);
			Arrays.sort(longTimes);
			lowest = Math.min(lowest, (double) longTimes[4] / shortTimes[4]);
		}
		return lowest;
	}

	/**
	 * Restricted where a unit word follows the number ({@code (555) 123-4567 hours} reads
	 * as a quantity) or a coding system's name precedes it ({@code ct 123-45-6789} is
	 * kept as a code): both are misses, see {@link #knownMissesOfNumbersInProse}.
	 */
	@Property(tries = 200, seed = "20261204")
	void anEmailAddressPhoneNumberOrSsnInLowerCaseProseNeverSurvives(@ForAll("proseAroundNumbers") List<String> prose,
			@ForAll("identifiers") String identifier, @ForAll @IntRange(max = 40) int position) {
		List<String> words = new ArrayList<>(prose);
		words.add(position % (words.size() + 1), " " + identifier + " ");
		String redacted = this.redactor.preview(String.join("", words));
		assertThat(redacted).doesNotContain(identifier).doesNotContain("@");
		assertThat(redacted.replaceAll("\\D", "")).as("digits left (the prose has none)").isEmpty();
	}

	@Example
	void aPhoneNumberBeforeAUnitWordAndAnSsnAfterACodingSystemsNameAreRedacted() {
		assertThat(this.redactor.preview("reach us at (555) 123-4567 hours nine to five")).doesNotContain("4567");
		assertThat(this.redactor.preview("+49 30 1234567 g")).doesNotContain("1234567");
		assertThat(this.redactor.preview("the ct 123-45-6789")).doesNotContain("6789");
	}

	@Provide
	Arbitrary<List<String>> proseAroundNumbers() {
		return prose((word) -> true);
	}

	@Provide
	Arbitrary<String> identifiers() {
		Arbitrary<String> word = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(10);
		return Arbitraries.oneOf(Combinators.combine(word, word).as((local, host) -> local + "@" + host + ".com"),
				digits(7).map((d) -> "+49 30 " + d),
				Combinators.combine(digits(3), digits(3), digits(4)).as((a, b, c) -> "(" + a + ") " + b + "-" + c),
				Combinators.combine(digits(3), digits(2), digits(4)).as((a, b, c) -> a + "-" + b + "-" + c));
	}

	private static Arbitrary<String> digits(int length) {
		return Arbitraries.strings().numeric().ofLength(length);
	}

	/**
	 * Restricted to prose without the cues that by design act on lower-case text (people
	 * type names in lower case): a known given name after a greeting or "name is", and an
	 * address written out with "dot" ("jane dot doe at example dot com").
	 */
	@Property(tries = 200, seed = "20261205")
	void lowerCaseProseWithoutDigitsOrAtSignsComesBackUnchanged(@ForAll("proseWithoutCues") List<String> prose) {
		String text = String.join("", prose);
		assertThat(this.redactor.preview(text)).isEqualTo(text);
	}

	@Provide
	Arbitrary<List<String>> proseWithoutCues() {
		return prose((word) -> !LOWER_CASE_CUES.contains(word));
	}

	@Example
	void lowerCaseCuesLeaveProseWithoutNamesAlone() {
		for (String text : List.of("he signed in", "Viele Grüße in die Runde", "the function called max returns",
				"it is called grace period", "we met at the dot com boom")) {
			assertThat(this.redactor.preview(text)).isEqualTo(text);
		}
	}

	/**
	 * Up to 40 words, each with what follows it (spaces, {@code ,;!?}): random letters,
	 * or any word the lexicon knows as a cue, a month, a unit, a TLD, or a name that is
	 * also a word; never a digit or an at sign.
	 */
	private static Arbitrary<List<String>> prose(Predicate<String> allowed) {
		List<String> known = new ArrayList<>(
				List.of("anna", "max", "mark", "will", "grace", "june", "in", "is", "the"));
		Words.ALL.values().forEach((words) -> known.addAll(List.of(words.split(" "))));
		known.removeIf((word) -> !word.matches("[a-z]+"));
		Arbitrary<String> word = Arbitraries
			.frequencyOf(Tuple.of(3, Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(10)),
					Tuple.of(2, Arbitraries.of(known)))
			.filter(allowed);
		Arbitrary<String> after = Arbitraries.of(" ", " ", " ", "  ", ", ", ",", "; ", "! ", "? ");
		return Combinators.combine(word, after).as(String::concat).list().ofMaxSize(40);
	}

}
