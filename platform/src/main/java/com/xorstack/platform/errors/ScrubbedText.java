package com.xorstack.platform.errors;

import java.util.List;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Takes out of an error message what may name or reach a person, or let someone in:
 * tokens, e-mail and IP addresses, UUIDs (user ids are), long numbers (phone, record
 * numbers) and {@code secret=value} pairs; and cuts it to {@value #MAX_LENGTH}
 * characters. Messages are the one free text an error report carries: a database error
 * quotes the value it refused.
 */
final class ScrubbedText {

	static final int MAX_LENGTH = 500;

	private record Rule(Pattern pattern, String replacement) {
	}

	private static final List<Rule> RULES = List.of(
			new Rule(Pattern.compile("(?i)\\bbearer\\s+\\S+"), "Bearer [redacted]"),
			new Rule(Pattern.compile("\\beyJ[A-Za-z0-9_-]*\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*"), "[token]"),
			new Rule(Pattern.compile(
					"(?i)\\b(password|passwd|secret|token|api[_-]?key|authorization|cookie)(\\s*[=:]\\s*)[^\\s,;&]+"),
					"$1$2[redacted]"),
			new Rule(Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}"), "[email]"),
			new Rule(Pattern.compile("(?i)\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b"), "[id]"),
			new Rule(Pattern.compile("\\b\\d{1,3}(\\.\\d{1,3}){3}\\b"), "[ip]"),
			new Rule(Pattern.compile("(?i)\\b([0-9a-f]{1,4}:){3,7}[0-9a-f]{1,4}\\b"), "[ip]"),
			new Rule(Pattern.compile("\\+?\\d[\\d -]{5,}\\d"), "[number]"));

	private ScrubbedText() {
	}

	static @Nullable String of(@Nullable String text) {
		if (text == null) {
			return null;
		}
		String scrubbed = text;
		for (Rule rule : RULES) {
			scrubbed = rule.pattern().matcher(scrubbed).replaceAll(rule.replacement());
		}
		return (scrubbed.length() > MAX_LENGTH) ? scrubbed.substring(0, MAX_LENGTH) + "…" : scrubbed;
	}

}
