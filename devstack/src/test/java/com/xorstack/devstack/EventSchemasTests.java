package com.xorstack.devstack;

import java.lang.reflect.Field;

import org.junit.jupiter.api.Test;

import com.xorstack.platform.events.EventTypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

/** The event schemas of the platform jar, format assertions included. */
class EventSchemasTests {

	private static final String TRIAGED = EventTypes.FEEDBACK_TRIAGED;

	private static final String VALID = """
			{"feedbackId":"0b7c2f4e-8a51-4c7e-9d0a-3f6b1c2d4e5f","status":"reviewed","previousStatus":"pending",
			"priority":"high","triagedBy":"moderator-1","triagedAt":"2026-01-02T03:04:05.123Z","version":1}""";

	@Test
	void aValidPayloadConforms() {
		assertThat(EventSchemas.violations(TRIAGED, VALID)).isEmpty();
		EventSchemas.assertConforms(TRIAGED, VALID);
	}

	@Test
	void aMissingRequiredFieldIsNamed() {
		assertThat(EventSchemas.violations(TRIAGED, VALID.replace("\"triagedBy\":\"moderator-1\",", "")))
			.singleElement(STRING)
			.startsWith("$: ")
			.contains("triagedBy");
	}

	@Test
	void aWrongTypeIsNamedWithItsPath() {
		assertThat(EventSchemas.violations(TRIAGED, VALID.replace("\"version\":1", "\"version\":\"1\"")))
			.singleElement(STRING)
			.startsWith("$.version: ")
			.contains("integer");
	}

	@Test
	void anUnknownPropertyIsNamedWhereAdditionalPropertiesAreClosed() {
		assertThat(EventSchemas.violations(TRIAGED, VALID.replace("{", "{\"note\":\"why\","))).singleElement(STRING)
			.startsWith("$: ")
			.contains("note");
	}

	@Test
	void formatsAreAssertedNotOnlyAnnotated() {
		assertThat(EventSchemas.violations(TRIAGED, VALID.replace("0b7c2f4e-8a51", "0b7c2f4e8a51")))
			.singleElement(STRING)
			.startsWith("$.feedbackId: ")
			.contains("uuid");
		assertThat(EventSchemas.violations(TRIAGED, VALID.replace("2026-01-02T03:04:05.123Z", "2026-01-02 03:04")))
			.singleElement(STRING)
			.startsWith("$.triagedAt: ")
			.contains("date-time");
		assertThat(EventSchemas.violations(TRIAGED, VALID.replace("03:04:05.123Z", "03:04:05.123")))
			.as("a date-time without its offset is a local time, not an instant")
			.singleElement(STRING)
			.startsWith("$.triagedAt: ");
	}

	@Test
	void everyViolationIsListedInTheFailure() {
		String broken = VALID.replace("\"version\":1", "\"version\":-1").replace("\"high\"", "\"urgent\"");
		assertThatExceptionOfType(AssertionError.class).isThrownBy(() -> EventSchemas.assertConforms(TRIAGED, broken))
			.withMessageContaining(TRIAGED)
			.withMessageContaining("$.version: ")
			.withMessageContaining("$.priority: ");
	}

	@Test
	void somethingThatIsNotJsonIsAViolation() {
		assertThat(EventSchemas.violations(TRIAGED, "{not json")).singleElement(STRING).startsWith("$: not JSON");
	}

	@Test
	void everyTypeOfTheContractHasItsSchema() throws IllegalAccessException {
		for (Field field : EventTypes.class.getFields()) {
			assertThat(EventSchemas.known((String) field.get(null))).as(field.getName()).isTrue();
		}
		assertThat(EventSchemas.known("com.xorstack.nothing.v1")).isFalse();
		assertThat(EventSchemas.known("org.example.other.v1")).isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> EventSchemas.violations("com.xorstack.nothing.v1", "{}"));
	}

}
