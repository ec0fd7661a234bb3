package com.xorstack.platform.events;

/**
 * Logical CloudEvents types; each has a JSON Schema under {@code schemas/} named after
 * it.
 */
public final class EventTypes {

	public static final String FEEDBACK_SUBMITTED = "com.xorstack.feedback.submitted.v1";

	public static final String FEEDBACK_TRIAGED = "com.xorstack.feedback.triaged.v1";

	private EventTypes() {
	}

	/** Where the JSON Schema of a type lives on the classpath. */
	public static String schemaLocation(String type) {
		return "schemas/" + type.substring("com.xorstack.".length()) + ".json";
	}

}
