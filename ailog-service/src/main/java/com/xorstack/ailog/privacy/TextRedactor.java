package com.xorstack.ailog.privacy;

import java.time.Clock;
import java.util.List;
import java.util.function.Predicate;

/**
 * Redacts plain text: normalises it, cuts it into tokens once, lets each detector mark
 * what it finds (the specific ones first), and replaces the findings in the original.
 */
final class TextRedactor {

	private final List<Detector> detectors;

	TextRedactor(FieldNames fields, Clock clock) {
		this.detectors = List.of(new NetworkDetector(), new ContactDetector(), new DateDetector(clock),
				new ContextDetector(fields), new NumberDetector(), new PlaceDetector(), new NameDetector());
	}

	String redact(String text) {
		return redact(text, (kind) -> true);
	}

	/** The text with the findings of the kinds {@code applies} accepts replaced. */
	String redact(String text, Predicate<Kind> applies) {
		if (text.isEmpty()) {
			return text;
		}
		NormalizedText normalized = NormalizedText.of(text);
		Tokens tokens = Tokens.of(normalized.text, Lexicon.get());
		Findings findings = new Findings(tokens);
		for (Detector detector : this.detectors) {
			detector.find(tokens, findings);
		}
		return findings.isEmpty() ? text : findings.apply(text, normalized, applies);
	}

}
