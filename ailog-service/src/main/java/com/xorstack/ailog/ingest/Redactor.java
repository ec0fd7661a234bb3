package com.xorstack.ailog.ingest;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Takes personal data out of an output preview before it is stored or forwarded: values
 * of configured field names, e-mail addresses, phone numbers and long digit runs (record,
 * card and insurance numbers). Redaction runs before the cut to {@value #MAX_PREVIEW}
 * characters, so that a cut never leaves half an address behind.
 */
@Component
public class Redactor {

	static final int MAX_PREVIEW = 500;

	private static final Pattern EMAIL = Pattern.compile("[\\p{L}0-9._%+-]+@[\\p{L}0-9-]+(?:\\.[\\p{L}0-9-]+)+");

	/**
	 * A run of at least seven digits that may be broken by spaces, dots, dashes or
	 * brackets and may start with a +: phone numbers in their usual spellings.
	 */
	private static final Pattern PHONE = Pattern.compile("(?<![\\w.])\\+?\\(?\\d(?:[\\s().-]{0,2}\\d){6,}(?![\\w])");

	private static final Pattern DIGIT_RUN = Pattern.compile("\\d{6,}");

	private final Pattern fields;

	/** The field names in lower case, to look for before the pattern runs. */
	private final List<String> lowerCaseNames;

	@Autowired
	Redactor(IngestProperties properties) {
		this(properties.redactedFields());
	}

	Redactor(List<String> fieldNames) {
		this.lowerCaseNames = fieldNames.stream().map((name) -> name.toLowerCase(Locale.ROOT)).toList();
		String names = fieldNames.stream().map(Pattern::quote).collect(Collectors.joining("|"));
		// "name": "Jane Doe" | name: Jane Doe, ... | name=Jane; the value ends at a
		// quote,
		// a comma, a semicolon, a closing brace or the end of the line.
		this.fields = Pattern
			.compile("(?i)([\"']?\\b(?:" + names + ")\\b[\"']?\\s*[:=]\\s*)(\"[^\"]*\"|'[^']*'|[^,;}\\n]+)");
	}

	/** The redacted preview, at most {@value #MAX_PREVIEW} characters long. */
	public @Nullable String redact(@Nullable String preview) {
		if (preview == null) {
			return null;
		}
		// Each pattern runs only where it could match: trying them at every position of
		// every preview was the largest part of the ingest's CPU (sampled with JFR).
		String redacted = preview;
		if (mayNameAField(redacted)) {
			redacted = this.fields.matcher(redacted).replaceAll((match) -> quoted(match.group(1)) + "[REDACTED]");
		}
		if (redacted.indexOf('@') >= 0) {
			redacted = EMAIL.matcher(redacted).replaceAll("[EMAIL]");
		}
		if (digits(redacted) >= 6) {
			redacted = PHONE.matcher(redacted).replaceAll("[PHONE]");
			redacted = DIGIT_RUN.matcher(redacted).replaceAll("[NUMBER]");
		}
		return cut(redacted);
	}

	/**
	 * Whether the text contains one of the field names in any case: the field pattern
	 * ({@code (?i)}, ASCII case folding) needs one. Lower-casing may only add candidates,
	 * never hide one, so the pattern still decides.
	 */
	private boolean mayNameAField(String text) {
		String lower = text.toLowerCase(Locale.ROOT);
		for (String name : this.lowerCaseNames) {
			if (lower.contains(name)) {
				return true;
			}
		}
		return false;
	}

	/** ASCII digits: what {@code \d} matches; a phone number needs 7, a digit run 6. */
	private static int digits(String text) {
		int digits = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= '0' && c <= '9') {
				digits++;
			}
		}
		return digits;
	}

	private static String quoted(String prefix) {
		return Matcher.quoteReplacement(prefix);
	}

	static String cut(String text) {
		if (text.length() <= MAX_PREVIEW) {
			return text;
		}
		int end = MAX_PREVIEW;
		if (Character.isHighSurrogate(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(0, end);
	}

}
