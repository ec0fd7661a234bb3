package com.xorstack.ailog.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.xorstack.ailog.privacy.Redactor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class CallValidatorTests {

	private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");

	private final CallValidator validator = new CallValidator(Redactor.withDefaults(), Duration.ofDays(90),
			Duration.ofDays(1), Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void aMinimalEventIsValid() {
		Validated validated = validate(Map.of("id", "0b7c6f8e-58f5-4b8e-9d55-3a3f1c2b9a10", "occurredAt",
				"2026-06-15T13:30:00+01:00", "functionName", "summarise", "status", "success"));
		assertThat(validated.isValid()).isTrue();
		assertThat(validated.call().occurredAt()).isEqualTo(Instant.parse("2026-06-15T12:30:00Z"));
		assertThat(validated.call().attributes()).isEmpty();
	}

	@Test
	void everyProblemIsReportedWithItsField() {
		Validated validated = validate(Map.of("id", "42", "occurredAt", "yesterday", "functionName", "", "inputTokens",
				1.5, "outputTokens", -1, "status", "ok", "traceId", "XYZ", "finishReasons", "stop", "attributes",
				Map.of("region", 1), "extra", true));
		assertThat(validated.isValid()).isFalse();
		assertThat(validated.problems()).extracting(FieldProblem::field)
			.containsExactlyInAnyOrder("extra", "id", "occurredAt", "functionName", "inputTokens", "outputTokens",
					"status", "finishReasons", "traceId", "attributes.region");
	}

	@Test
	void everyFreeTextFieldIsRedactedAndOnlyAllowedAttributesAreKept() {
		Map<String, Object> event = new java.util.HashMap<>(event("2026-06-15T00:00:00Z"));
		event.put("outputPreview", "Mrs. Jane Doe, call 555-123-4567");
		event.put("errorType", "timeout for jane.doe@example.com");
		event.put("userId", "jane.doe@example.com");
		event.put("sessionId", "session-48213");
		event.put("conversationId", "Jane Doe 1984-03-12");
		event.put("attributes", Map.of("region", "eu", "feature", "Dr. Alan Grant's plan", "custom.note", "MRN 884213",
				"gen_ai.prompt", "x".repeat(5000)));
		AiLogCall call = validate(event).call();
		assertThat(call.outputPreview()).isEqualTo("Mrs. [NAME], call [PHONE]");
		assertThat(call.errorType()).isEqualTo("timeout for [EMAIL]");
		assertThat(call.userId()).isEqualTo("[EMAIL]");
		assertThat(call.sessionId()).isEqualTo("session-48213");
		assertThat(call.conversationId()).doesNotContain("Jane", "03-12");
		assertThat(call.attributes()).containsOnlyKeys("region", "feature")
			.containsEntry("feature", "Dr. [NAME]'s plan");
	}

	@Test
	void eventsOlderThanTheRetentionOrFromTheFutureAreRejected() {
		assertThat(validate(event("2026-03-01T00:00:00Z")).reason())
			.isEqualTo("occurredAt is older than the retention period of 90 days");
		assertThat(validate(event("2026-06-17T00:00:00Z")).reason()).isEqualTo("occurredAt lies in the future");
		assertThat(validate(event("2026-03-18T00:00:00Z")).isValid()).isTrue();
	}

	@Test
	void currentOtelNamesWinOverDeprecatedAliasesAndFieldsOverBoth() {
		Map<String, Object> event = new java.util.HashMap<>(event("2026-06-15T00:00:00Z"));
		event.put("gen_ai.system", "old");
		event.put("gen_ai.provider.name", "new");
		event.put("gen_ai.usage.prompt_tokens", 1);
		event.put("inputTokens", 2);
		AiLogCall call = validate(event).call();
		assertThat(call.provider()).isEqualTo("new");
		assertThat(call.inputTokens()).isEqualTo(2);
	}

	@Test
	void textPostgresqlCannotStoreIsRejected() {
		Map<String, Object> event = new java.util.HashMap<>(event("2026-06-15T00:00:00Z"));
		event.put("functionName", "f\u0000");
		event.put("outputPreview", "lone \uD83D surrogate");
		event.put("attributes", Map.of("region", "v\u0000"));
		assertThat(validate(event).problems()).extracting(FieldProblem::field)
			.containsExactlyInAnyOrder("functionName", "outputPreview", "attributes.region");
	}

	@Test
	void durationsAreBoundedToADayAndTokenCountsToTenMillion() {
		Map<String, Object> event = new java.util.HashMap<>(event("2026-06-15T00:00:00Z"));
		event.put("durationMs", 1e308);
		event.put("timeToFirstTokenMs", 86_400_001);
		event.put("inputTokens", 10_000_001);
		event.put("outputTokens", Integer.MAX_VALUE);
		event.put("cacheReadInputTokens", 20_000_000_000L);
		assertThat(validate(event).problems()).extracting(FieldProblem::field, FieldProblem::message)
			.containsExactlyInAnyOrder(tuple("durationMs", "must be at most 86400000"),
					tuple("timeToFirstTokenMs", "must be at most 86400000"),
					tuple("inputTokens", "must be at most 10000000"), tuple("outputTokens", "must be at most 10000000"),
					tuple("cacheReadInputTokens", "must be at most 10000000"));
		event.put("durationMs", 86_400_000);
		event.put("timeToFirstTokenMs", 86_400_000.0);
		event.put("inputTokens", 10_000_000);
		event.put("outputTokens", 0);
		event.put("cacheReadInputTokens", 10_000_000);
		assertThat(validate(event).isValid()).isTrue();
	}

	@Test
	void thePreviewIsRedacted() {
		Map<String, Object> event = new java.util.HashMap<>(event("2026-06-15T00:00:00Z"));
		event.put("outputPreview", "name: Jane, mail jane@example.com");
		assertThat(validate(event).call().outputPreview()).isEqualTo("name: [NAME], mail [EMAIL]");
	}

	private static Map<String, Object> event(String occurredAt) {
		return Map.of("id", "0b7c6f8e-58f5-4b8e-9d55-3a3f1c2b9a10", "occurredAt", occurredAt, "functionName", "f",
				"status", "error");
	}

	private Validated validate(Map<String, ?> event) {
		JsonNode node = JsonMapper.shared().valueToTree(event);
		return this.validator.validate(node);
	}

}
