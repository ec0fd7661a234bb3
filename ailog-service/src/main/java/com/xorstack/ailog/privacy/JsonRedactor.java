package com.xorstack.ailog.privacy;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * Redacts text that is or holds JSON by its structure, in place: the value of an
 * identifying field ({@link FieldNames}, any case style; each scalar of an array under
 * one) becomes its placeholder, every other string and every key goes through the text
 * redactor, numbers stay, and so does the layout, so clinical JSON comes back as it came.
 * The text around JSON is redacted as text. At most {@value #ATTEMPTS} parses are tried
 * per text, so a text full of unbalanced brackets costs a bounded multiple of its length.
 */
final class JsonRedactor {

	private static final int ATTEMPTS = 4;

	/**
	 * Parents whose "name" names a thing, not a person: {"medications": [{"name": ...}]}.
	 */
	private static final Set<String> THINGS = Set.of("medic", "drug", "medikament", "arznei", "wirkstoff", "test",
			"lab", "exercise", "food", "meal", "condition", "diagnos", "symptom", "allerg", "vaccin", "impf",
			"procedure", "function", "tool", "model", "file", "app", "feature", "metric", "unit", "substance",
			"ingredient");

	private final JsonMapper json;

	private final FieldNames fields;

	private final TextRedactor text;

	JsonRedactor(JsonMapper json, FieldNames fields, TextRedactor text) {
		this.json = json;
		this.fields = fields;
		this.text = text;
	}

	String redact(String input) {
		int start = nextBracket(input, 0);
		if (start < 0) {
			return this.text.redact(input);
		}
		StringBuilder out = new StringBuilder(input.length());
		int from = 0;
		for (int attempt = 0; attempt < ATTEMPTS && start >= 0; attempt++) {
			StringBuilder value = new StringBuilder();
			int end = redactValue(input, start, value);
			if (end > start) {
				out.append(this.text.redact(input.substring(from, start))).append(value);
				from = end;
			}
			start = nextBracket(input, Math.max(end, start + 1));
		}
		return out.append(this.text.redact(input.substring(from))).toString();
	}

	/**
	 * Reads one JSON object or array at {@code start} and appends it to {@code out} with
	 * its strings redacted; returns where it ended, or -1 if there is none.
	 */
	private int redactValue(String input, int start, StringBuilder out) {
		String source = input.substring(start);
		Deque<String> keys = new ArrayDeque<>();
		int copied = 0;
		String key = null;
		try (JsonParser parser = this.json.createParser(source)) {
			for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
				int from = (int) parser.currentTokenLocation().getCharOffset();
				if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
					keys.push((key != null) ? key : (keys.isEmpty() ? "" : keys.peek()));
					key = null;
					continue;
				}
				if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
					keys.pop();
					key = null;
					if (keys.isEmpty()) {
						int end = (int) parser.currentLocation().getCharOffset();
						out.append(source, copied, end);
						return start + end;
					}
					continue;
				}
				String replacement = null;
				if (token == JsonToken.PROPERTY_NAME) {
					key = parser.currentName();
					replacement = changed(key, this.text.redact(key));
				}
				else if (token.isScalarValue()) {
					replacement = scalar(parser, token, key, keys);
					key = null;
				}
				if (replacement != null) {
					out.append(source, copied, from).append(this.json.writeValueAsString(replacement));
					copied = rawEnd(source, from);
				}
				if (keys.isEmpty()) {
					return -1;
				}
			}
		}
		catch (JacksonException ex) {
			// not JSON after all: the caller reads it as text
		}
		return -1;
	}

	/** The new text of a scalar, or null where it stays as it is. */
	private @Nullable String scalar(JsonParser parser, JsonToken token, @Nullable String key, Deque<String> keys) {
		String owner = (key != null) ? key : keys.peek();
		String parent = (key != null) ? keys.peek() : parentOf(keys);
		Kind kind = (owner != null) ? kindOf(owner, parent) : null;
		String value = (token == JsonToken.VALUE_STRING) ? parser.getString() : null;
		if (kind != null && token != JsonToken.VALUE_NULL) {
			return kind.placeholder();
		}
		return (value != null) ? changed(value, this.text.redact(value)) : null;
	}

	private static @Nullable String parentOf(Deque<String> keys) {
		var iterator = keys.iterator();
		iterator.next();
		return iterator.hasNext() ? iterator.next() : null;
	}

	private static @Nullable String changed(String before, String after) {
		return before.equals(after) ? null : after;
	}

	/**
	 * Where the raw token starting at {@code from} ends: read from the source, since the
	 * parser may already have read past it (a name's colon, a value's first character).
	 */
	private static int rawEnd(String source, int from) {
		int i = from;
		if (source.charAt(i) == '"') {
			for (i++; source.charAt(i) != '"'; i++) {
				i += (source.charAt(i) == '\\') ? 1 : 0;
			}
			return i + 1;
		}
		while (i < source.length() && "+-.0123456789eEtrufalsn".indexOf(source.charAt(i)) >= 0) {
			i++;
		}
		return i;
	}

	private @Nullable Kind kindOf(String key, @Nullable String parent) {
		Kind kind = this.fields.kindOf(key);
		if (kind == Kind.NAME && FieldNames.key(key).equals("name") && parent != null) {
			String owner = FieldNames.key(parent);
			for (String thing : THINGS) {
				if (owner.contains(thing)) {
					return null;
				}
			}
		}
		return kind;
	}

	private static int nextBracket(String text, int from) {
		for (int i = from; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '{' || c == '[') {
				return i;
			}
		}
		return -1;
	}

}
