package com.xorstack.feedback.submission;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

public enum Priority {

	LOW, MEDIUM, HIGH, CRITICAL;

	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Priority of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
