package com.xorstack.ailog.privacy;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one redaction of everything the ingest stores or forwards (docs/PRIVACY.md). Each
 * text is cut to {@value #MAX_INPUT} characters before detection, so that no input costs
 * more than a bounded amount of work, and to its field's length after it.
 */
public final class Redactor {

	/** The most characters of one text that are read at all. */
	public static final int MAX_INPUT = 8192;

	public static final int MAX_PREVIEW = 500;

	public static final int MAX_ATTRIBUTE = 1000;

	private final TextRedactor text;

	private final JsonRedactor json;

	private final KeyPatterns attributes;

	private final KeyPatterns content;

	private final boolean captureContent;

	public Redactor(PrivacyProperties properties, JsonMapper json, Clock clock) {
		FieldNames fields = FieldNames.with(properties.identifierFields());
		this.text = new TextRedactor(fields, clock);
		this.json = new JsonRedactor(json, fields, this.text);
		this.attributes = new KeyPatterns(properties.attributes());
		this.content = new KeyPatterns(properties.contentAttributes());
		this.captureContent = properties.captureContent();
	}

	/** A redactor with the default settings. */
	public static Redactor withDefaults() {
		return new Redactor(PrivacyProperties.defaults(), JsonMapper.shared(), Clock.systemUTC());
	}

	/** An output preview: redacted (JSON in it by structure), at most 500 characters. */
	public @Nullable String preview(@Nullable String preview) {
		return text(preview, MAX_PREVIEW);
	}

	/**
	 * Any other free text, redacted like a preview, at most {@code maxLength} characters.
	 */
	public @Nullable String text(@Nullable String text, int maxLength) {
		if (text == null) {
			return null;
		}
		return cut(this.json.redact(cut(text, MAX_INPUT)), maxLength);
	}

	/**
	 * A pseudonymous id ({@code userId}, {@code sessionId}, {@code conversationId}) as it
	 * came, unless it holds a personal identifier (an e-mail address, a name, a phone
	 * number, a date...), which is redacted. Codes and numbers are what ids are made of,
	 * so they stay.
	 */
	public @Nullable String id(@Nullable String id) {
		if (id == null) {
			return null;
		}
		return cut(this.text.redact(cut(id, MAX_INPUT), Redactor::personal), MAX_INPUT);
	}

	/**
	 * The attributes that may be kept: allow-listed keys, and content keys only if
	 * content capture is on; every value redacted.
	 */
	public Map<String, String> attributes(Map<String, String> attributes) {
		Map<String, String> kept = new LinkedHashMap<>();
		attributes.forEach((key, value) -> {
			if (this.content.matches(key)) {
				if (this.captureContent) {
					kept.put(key, text(value, MAX_ATTRIBUTE));
				}
			}
			else if (this.attributes.matches(key)) {
				kept.put(key, text(value, MAX_ATTRIBUTE));
			}
		});
		return kept;
	}

	/** Whether an attribute of this key is kept at all (its value is then redacted). */
	public boolean keeps(String key) {
		return this.content.matches(key) ? this.captureContent : this.attributes.matches(key);
	}

	/**
	 * Whether an attribute of this key is content, whose value may be long before
	 * redaction.
	 */
	public boolean isContent(String key) {
		return this.content.matches(key);
	}

	private static boolean personal(Kind kind) {
		return kind != Kind.ID && kind != Kind.ACCOUNT && kind != Kind.DEVICE;
	}

	static String cut(String text, int maxLength) {
		if (text.length() <= maxLength) {
			return text;
		}
		if (maxLength <= 0) {
			return "";
		}
		int end = maxLength;
		if (Character.isHighSurrogate(text.charAt(end - 1))) {
			end--;
		}
		return text.substring(0, end);
	}

}
