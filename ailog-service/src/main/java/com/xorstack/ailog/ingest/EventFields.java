package com.xorstack.ailog.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Reads fields of one event and collects what is wrong with them. */
final class EventFields {

	private final JsonNode event;

	private final List<FieldProblem> problems = new ArrayList<>();

	EventFields(JsonNode event) {
		this.event = event;
	}

	List<FieldProblem> problems() {
		return this.problems;
	}

	void problem(String field, String message) {
		this.problems.add(new FieldProblem(field, message));
	}

	private @Nullable JsonNode present(String name, boolean required) {
		JsonNode node = this.event.get(name);
		if (node == null || node.isNull()) {
			if (required) {
				problem(name, "is required");
			}
			return null;
		}
		return node;
	}

	@Nullable String text(String name, boolean required, int maxLength) {
		JsonNode node = present(name, required);
		if (node == null) {
			return null;
		}
		if (!node.isString()) {
			problem(name, "must be a string");
			return null;
		}
		String value = node.stringValue();
		if (!storable(value)) {
			problem(name, "must not contain NUL characters or unpaired surrogates");
			return null;
		}
		if (required && value.isBlank()) {
			problem(name, "must not be blank");
		}
		else if (value.length() > maxLength) {
			problem(name, "must be at most " + maxLength + " characters long");
		}
		return value;
	}

	@Nullable String matching(String name, Pattern pattern, String message) {
		String value = text(name, false, 200);
		if (value != null && !pattern.matcher(value).matches()) {
			problem(name, message);
		}
		return value;
	}

	@Nullable UUID uuid(String name) {
		String value = text(name, true, 36);
		if (value == null) {
			return null;
		}
		try {
			UUID id = UUID.fromString(value);
			if (id.toString().equalsIgnoreCase(value)) {
				return id;
			}
		}
		catch (IllegalArgumentException ex) {
			// reported below
		}
		problem(name, "must be a UUID");
		return null;
	}

	/**
	 * A number from 0 to {@code max}: a finite but absurd value ({@code 1e308}) would
	 * skew every average and percentile it is part of.
	 */
	@Nullable Double number(String name, long max) {
		JsonNode node = present(name, false);
		if (node == null) {
			return null;
		}
		if (!node.isNumber() || !Double.isFinite(node.doubleValue())) {
			problem(name, "must be a number");
			return null;
		}
		return bounded(name, node.doubleValue() < 0, node.doubleValue() > max, max) ? node.doubleValue() : null;
	}

	/** A whole number from 0 to {@code max}, for the same reason. */
	@Nullable Integer count(String name, int max) {
		JsonNode node = present(name, false);
		if (node == null) {
			return null;
		}
		if (!node.isIntegralNumber()) {
			problem(name, "must be a whole number");
			return null;
		}
		int sign = node.bigIntegerValue().signum();
		return bounded(name, sign < 0, !node.canConvertToInt() || node.intValue() > max, max) ? node.intValue() : null;
	}

	private boolean bounded(String name, boolean negative, boolean tooLarge, long max) {
		if (negative) {
			problem(name, "must not be negative");
		}
		else if (tooLarge) {
			problem(name, "must be at most " + max);
		}
		return !negative && !tooLarge;
	}

	@Nullable List<String> strings(String name) {
		JsonNode node = present(name, false);
		if (node == null) {
			return null;
		}
		if (!node.isArray() || node.size() > 50) {
			problem(name, "must be an array of at most 50 strings");
			return null;
		}
		List<String> values = new ArrayList<>();
		for (JsonNode item : node.values()) {
			if (!item.isString() || item.stringValue().length() > 100 || !storable(item.stringValue())) {
				problem(name, "must be an array of strings of at most 100 characters");
				return null;
			}
			values.add(item.stringValue());
		}
		return values;
	}

	/**
	 * A map of strings, of which only the keys {@code kept} accepts are read (the others
	 * are dropped unread); a value may be at most 1000 characters long, unless it is
	 * {@code content} (a prompt, say), which is redacted and cut later.
	 */
	@Nullable Map<String, String> stringMap(String name, Predicate<String> kept, Predicate<String> content) {
		JsonNode node = present(name, false);
		if (node == null) {
			return null;
		}
		if (!node.isObject() || node.size() > 64) {
			problem(name, "must be an object of at most 64 string values");
			return null;
		}
		Map<String, String> values = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			if (!kept.test(entry.getKey())) {
				continue;
			}
			int maxLength = content.test(entry.getKey()) ? Integer.MAX_VALUE : 1000;
			if (!entry.getValue().isString() || entry.getValue().stringValue().length() > maxLength
					|| !storable(entry.getKey()) || !storable(entry.getValue().stringValue())) {
				problem(name + "." + entry.getKey(),
						(maxLength == 1000) ? "must be a string of at most 1000 characters" : "must be a string");
				continue;
			}
			values.put(entry.getKey(), entry.getValue().stringValue());
		}
		return values;
	}

	/**
	 * PostgreSQL text cannot hold NUL, and an unpaired surrogate is no UTF-8: either
	 * would fail the whole batch's statement, so it is the event's problem, found here.
	 */
	static boolean storable(String value) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c == 0) {
				return false;
			}
			if (Character.isHighSurrogate(c)) {
				if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
					return false;
				}
				i++;
			}
			else if (Character.isLowSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

}
