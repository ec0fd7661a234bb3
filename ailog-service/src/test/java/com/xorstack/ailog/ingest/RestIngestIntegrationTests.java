package com.xorstack.ailog.ingest;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.xorstack.ailog.AiLogApi;
import com.xorstack.ailog.AilogIntegrationTest;
import com.xorstack.devstack.EventRecords;
import com.xorstack.platform.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code POST /api/ai-logs} as an edge function uses it: one event or a batch, 202 with
 * per-item rejections, each id stored once however often it is sent, and a 503 with
 * {@code Retry-After} when the stored calls cannot be announced.
 */
class RestIngestIntegrationTests extends AilogIntegrationTest {

	@Autowired
	DatabaseClient db;

	AiLogApi api;

	WebTestClient web;

	@Autowired
	void api(WebTestClient web) {
		this.api = new AiLogApi(web);
		this.web = web;
	}

	@Test
	void oneEventIsStoredRedactedAndPricedAndAdminsReadIt() {
		Map<String, Object> event = AiLogApi.event("rest-single-" + UUID.randomUUID(), Instant.now());
		event.put("outputPreview", "Patient jane.doe@example.com, call +1 (555) 123-4567, MRN 12345678.");
		event.put("finishReasons", List.of("stop"));
		event.put("attributes", Map.of("region", "eu"));
		Map<String, Object> answer = this.api.accepted(event);
		assertThat(answer).containsEntry("accepted", 1).containsEntry("duplicates", 0);
		assertThat((List<?>) answer.get("rejected")).isEmpty();
		Map<String, Object> stored = this.api.getJson("/api/admin/ai-logs/{id}", event.get("id"));
		assertThat(stored).containsEntry("functionName", event.get("functionName"))
			.containsEntry("finishReasons", List.of("stop"))
			.containsEntry("attributes", Map.of("region", "eu"))
			.containsEntry("priced", true);
		assertThat((String) stored.get("outputPreview")).doesNotContain("jane.doe", "555", "12345678")
			.contains("[EMAIL]", "[PHONE]");
		// gpt-4o-mini: 100 input tokens at 0.15 and 20 output at 0.60 per million
		assertThat(((Number) stored.get("costUsd")).doubleValue()).isCloseTo(0.000027,
				org.assertj.core.data.Offset.offset(1e-12));
	}

	@Test
	void anEventWithoutATraceIdKeepsTheTraceItArrivedIn() {
		Map<String, Object> untraced = AiLogApi.event("rest-trace-" + UUID.randomUUID(), Instant.now());
		untraced.remove("traceId");
		Map<String, Object> traced = AiLogApi.event("rest-trace-" + UUID.randomUUID(), Instant.now());
		traced.put("traceId", "0af7651916cd43dd8448eb211c80319c");
		for (Map<String, Object> event : List.of(untraced, traced)) {
			this.web.post()
				.uri("/api/ai-logs")
				.headers((headers) -> headers.setBearerAuth(AiLogApi.ingestToken()))
				.header("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(event)
				.exchange()
				.expectStatus()
				.isAccepted();
		}
		assertThat(this.api.getJson("/api/admin/ai-logs/{id}", untraced.get("id"))).containsEntry("traceId",
				"4bf92f3577b34da6a3ce929d0e0e4736");
		assertThat(this.api.getJson("/api/admin/ai-logs/{id}", traced.get("id"))).as("the event's own trace id wins")
			.containsEntry("traceId", "0af7651916cd43dd8448eb211c80319c");
	}

	@Test
	void aBatchStoresTheGoodEventsAndListsEachRejectionWithItsIndexAndField() {
		String function = "rest-batch-" + UUID.randomUUID();
		List<Map<String, Object>> events = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			events.add(AiLogApi.event(function, Instant.now()));
		}
		events.get(1).remove("functionName");
		events.get(3).put("durationMs", "slow");
		events.get(3).put("colour", "blue");
		// PostgreSQL text cannot hold NUL: caught per event, it cannot fail the whole
		// batch
		events.get(4).put("outputPreview", "bad \u0000 byte");
		Map<String, Object> answer = this.api.batch(events);
		assertThat(answer).containsEntry("accepted", 2).containsEntry("duplicates", 0);
		List<Map<String, Object>> rejected = rejections(answer);
		assertThat(rejected).extracting((r) -> r.get("index")).containsExactly(1, 3, 4);
		assertThat(rejected.get(0)).containsEntry("id", events.get(1).get("id"));
		assertThat(rejected.get(0).get("errors"))
			.isEqualTo(List.of(Map.of("field", "functionName", "message", "is required")));
		assertThat(fields(rejected.get(1))).containsExactlyInAnyOrder("durationMs", "colour");
		assertThat(fields(rejected.get(2))).containsExactly("outputPreview");
		assertThat(storedCount(function)).isEqualTo(2);
	}

	@Test
	void aRepeatedBatchAndARepeatedIdInOneBatchAreStoredOnce() {
		String function = "rest-dupes-" + UUID.randomUUID();
		Map<String, Object> first = AiLogApi.event(function, Instant.now());
		Map<String, Object> second = AiLogApi.event(function, Instant.now());
		assertThat(this.api.batch(List.of(first, second, first))).containsEntry("accepted", 2)
			.containsEntry("duplicates", 1);
		// a retry with another occurredAt must not slip past the id check either
		Map<String, Object> retried = new java.util.LinkedHashMap<>(first);
		retried.put("occurredAt", Instant.now().minus(2, ChronoUnit.DAYS).toString());
		assertThat(this.api.batch(List.of(first, second, retried))).containsEntry("accepted", 0)
			.containsEntry("duplicates", 3);
		assertThat(storedCount(function)).isEqualTo(2);
	}

	@Test
	void otelAttributeNamesAndDeprecatedAliasesAreAccepted() {
		String function = "rest-aliases-" + UUID.randomUUID();
		Map<String, Object> event = AiLogApi.event(function, Instant.now());
		event.remove("provider");
		event.remove("inputTokens");
		event.remove("requestModel");
		event.put("gen_ai.system", "anthropic");
		event.put("gen_ai.usage.prompt_tokens", 42);
		event.put("gen_ai.request.model", "claude-sonnet-4");
		this.api.accepted(event);
		Map<String, Object> stored = this.api.getJson("/api/admin/ai-logs/{id}", event.get("id"));
		assertThat(stored).containsEntry("provider", "anthropic")
			.containsEntry("inputTokens", 42)
			.containsEntry("requestModel", "claude-sonnet-4");
	}

	@Test
	void anInvalidSingleEventIsAProblemNamingItsFields() {
		Map<String, Object> event = AiLogApi.event("rest-invalid", Instant.now());
		event.put("status", "maybe");
		event.put("inputHash", "not-a-hash");
		this.api.post(event)
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Invalid request")
			.jsonPath("$.status")
			.isEqualTo(400)
			.jsonPath("$.errors[*].field")
			.value((List<String> fields) -> assertThat(fields).containsExactlyInAnyOrder("status", "inputHash"));
	}

	@Test
	void aDurationBeyondADayOrTokenCountsBeyondTenMillionAreProblemsNamingTheField() {
		Map<String, Object> event = AiLogApi.event("rest-bounds-" + UUID.randomUUID(), Instant.now());
		event.put("durationMs", 1e308);
		this.api.post(event)
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(400)
			.jsonPath("$.errors[*].field")
			.isEqualTo(List.of("durationMs"));
		List<Map<String, Object>> events = new ArrayList<>();
		for (String field : List.of("timeToFirstTokenMs", "inputTokens", "outputTokens", "cacheReadInputTokens")) {
			Map<String, Object> tooBig = AiLogApi.event((String) event.get("functionName"), Instant.now());
			tooBig.put(field, field.endsWith("Ms") ? 86_400_001 : 10_000_001);
			events.add(tooBig);
		}
		List<Map<String, Object>> rejected = rejections(this.api.batch(events));
		assertThat(rejected).extracting((r) -> fields(r))
			.containsExactly(List.of("timeToFirstTokenMs"), List.of("inputTokens"), List.of("outputTokens"),
					List.of("cacheReadInputTokens"));
		assertThat(storedCount((String) event.get("functionName"))).isZero();
	}

	@Test
	void brokenJsonTooManyEventsAndAnOversizeBodyAreClientErrors() {
		this.api.post("{\"events\": [")
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("body");
		List<Map<String, Object>> tooMany = new ArrayList<>();
		for (int i = 0; i < 1001; i++) {
			tooMany.add(Map.of("id", "x"));
		}
		this.api.post(Map.of("events", tooMany))
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("events");
		Map<String, Object> huge = AiLogApi.event("rest-huge", Instant.now());
		huge.put("outputPreview", "x".repeat(5 * 1024 * 1024));
		this.api.post(huge).expectStatus().isEqualTo(413).expectBody().jsonPath("$.status").isEqualTo(413);
	}

	@Test
	void aBatchOfAThousandEventsIsAccepted() {
		String function = "rest-thousand-" + UUID.randomUUID();
		List<Map<String, Object>> events = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			Map<String, Object> event = AiLogApi.event(function, Instant.now().minusSeconds(i));
			event.put("outputPreview", "answer " + i + " ".repeat(400));
			events.add(event);
		}
		assertThat(this.api.batch(events)).containsEntry("accepted", 1000);
		assertThat(storedCount(function)).isEqualTo(1000);
	}

	@Test
	void aBatchThatCannotBeAnnouncedIsA503WithRetryAfterAndItsResendIsAbsorbedAndAnnounced() throws Exception {
		String function = "rest-outage-" + UUID.randomUUID();
		Map<String, Object> event = AiLogApi.event(function, Instant.now());
		try (RecordedTopicOutage outage = new RecordedTopicOutage()) {
			this.api.post(Map.of("events", List.of(event)))
				.expectStatus()
				.isEqualTo(503)
				.expectHeader()
				.exists("Retry-After")
				.expectHeader()
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.expectBody()
				.jsonPath("$.status")
				.isEqualTo(503)
				.jsonPath("$.title")
				.isEqualTo("Service Unavailable");
		}
		assertThat(storedCount(function)).as("stored, but not acknowledged").isEqualTo(1);
		assertThat(this.api.batch(List.of(event))).containsEntry("accepted", 0).containsEntry("duplicates", 1);
		List<ConsumerRecord<String, byte[]>> recorded = EventRecords.await(Topics.AILOG_RECORDED,
				(record) -> function.equals(record.key()), 1, Duration.ofSeconds(60), Duration.ofSeconds(1));
		assertThat(recorded).hasSize(1);
		assertThat(EventRecords.header(recorded.get(0), "ce_id")).isEqualTo(event.get("id"));
		assertThat(storedCount(function)).isEqualTo(1);
	}

	private long storedCount(String function) {
		return this.db.sql("select count(*) from ai_logs where function_name = :f")
			.bind("f", function)
			.map((row) -> row.get(0, Long.class))
			.one()
			.block();
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> rejections(Map<String, Object> answer) {
		return (List<Map<String, Object>>) answer.get("rejected");
	}

	@SuppressWarnings("unchecked")
	private static List<Object> fields(Map<String, Object> rejection) {
		return ((List<Map<String, Object>>) rejection.get("errors")).stream().map((e) -> e.get("field")).toList();
	}

}
