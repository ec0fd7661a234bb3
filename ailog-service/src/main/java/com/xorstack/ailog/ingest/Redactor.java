package com.xorstack.ailog.ingest;

import java.util.List;
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

	@Autowired
	Redactor(IngestProperties properties) {
		this(properties.redactedFields());
	}

	Redactor(List<String> fieldNames) {
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
		String redacted = this.fields.matcher(preview).replaceAll((match) -> quoted(match.group(1)) + "[REDACTED]");
		redacted = EMAIL.matcher(redacted).replaceAll("[EMAIL]");
		redacted = PHONE.matcher(redacted).replaceAll("[PHONE]");
		redacted = DIGIT_RUN.matcher(redacted).replaceAll("[NUMBER]");
		return cut(redacted);
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
