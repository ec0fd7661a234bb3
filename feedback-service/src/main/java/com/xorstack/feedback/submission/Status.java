package com.xorstack.feedback.submission;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

public enum Status {

	PENDING, REVIEWED, RESOLVED;

	@JsonValue
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	public static Status of(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

}
