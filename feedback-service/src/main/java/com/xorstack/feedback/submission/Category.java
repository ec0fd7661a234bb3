package com.xorstack.feedback.submission;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

public enum Category {

	BUG, FEATURE, QUESTION, GENERAL;

	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Category of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
