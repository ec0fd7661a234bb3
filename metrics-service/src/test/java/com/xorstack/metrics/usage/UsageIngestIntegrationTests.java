package com.xorstack.metrics.usage;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

import com.xorstack.devstack.EventSchemas;
import com.xorstack.metrics.MetricsIntegrationTest;
import com.xorstack.metrics.traffic.DeadLetterTopics;
import com.xorstack.platform.events.CloudEventRecords;
import com.xorstack.platform.events.EventTypes;
import com.xorstack.platform.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Usage events through {@code POST /api/usage-events} and Kafka into the usage analytics:
 * each event once by its id, bad items rejected one by one with their fields.
 */
class UsageIngestIntegrationTests extends MetricsIntegrationTest {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON = new ParameterizedTypeReference<>() {
	};

	/** A day of its own per test run, far from the other tests' data. */
	private final LocalDate day = LocalDate.of(2025, 1, 1).plusDays(Math.floorMod(UUID.randomUUID().hashCode(), 300));

	@Test
	void batchIsAcceptedOnceAndCountedInTheAnalytics() {
		Map<String, Object> before = dayOf(usage(this.day, this.day), this.day);
		String first = usageEvent(UUID.randomUUID(), "session_started", "u-" + UUID.randomUUID(),
				"s-" + UUID.randomUUID());
		String user = "u-" + UUID.randomUUID();
		String session = "s-" + UUID.randomUUID();
		String batch = "{\"events\":[" + first + "," + usageEvent(UUID.randomUUID(), "task_completed", user, session)
				+ "," + usageEvent(UUID.randomUUID(), "export_completed", user, session) + "]}";
		Map<String, Object> answer = ingest(batch);
		assertThat(answer).containsEntry("accepted", 3)
			.containsEntry("duplicates", 0)
			.containsEntry("rejected", List.of());
		Map<String, Object> again = ingest("{\"events\":[" + first + "]}");
		assertThat(again).containsEntry("accepted", 0).containsEntry("duplicates", 1);
		Map<String, Object> after = dayOf(usage(this.day, this.day), this.day);
		assertThat(delta(after, before, "tasksCompleted")).isEqualTo(1);
		assertThat(delta(after, before, "exports")).isEqualTo(1);
		assertThat(delta(after, before, "sessionsStarted")).isEqualTo(1);
		assertThat(delta(after, before, "activeUsers")).isEqualTo(2);
		assertThat(delta(after, before, "sessions")).isEqualTo(2);
	}

	@Test
	void badItemsAreRejectedWithTheirIndexAndFieldsAndTheRestAccepted() {
		String good = usageEvent(UUID.randomUUID(), "task_completed", "u-1", null);
		String batch = "{\"events\":[" + good + ",{\"id\":\"" + UUID.randomUUID()
				+ "\",\"kind\":\"Bad Kind\",\"occurredAt\":\"2025-01-01T00:00:00Z\"},{\"id\":\"" + UUID.randomUUID()
				+ "\",\"kind\":\"task_completed\",\"occurredAt\":\"yesterday\"},{\"id\":\"" + UUID.randomUUID()
				+ "\",\"kind\":\"task_completed\",\"occurredAt\":\"2025-01-01T00:00:00Z\",\"surprise\":1}]}";
		Map<String, Object> answer = ingest(batch);
		assertThat(answer).containsEntry("accepted", 1);
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> rejected = (List<Map<String, Object>>) answer.get("rejected");
		assertThat(rejected).extracting((r) -> r.get("index")).containsExactly(1, 2, 3);
		assertThat(rejected).extracting((r) -> ((List<Map<String, Object>>) r.get("errors")).get(0).get("field"))
			.containsExactly("kind", "occurredAt", "surprise");
	}

	@Test
	void nulCharactersAreRejectedNamingTheField() {
		String good = usageEvent(UUID.randomUUID(), "task_completed", "u-1", null);
		String nul = usageEvent(UUID.randomUUID(), "task_completed", "u\\u0000", null);
		Map<String, Object> answer = ingest("{\"events\":[" + good + "," + nul + "]}");
		assertThat(answer).containsEntry("accepted", 1);
		@SuppressWarnings("unchecked")
		List<Map<String, Object>> rejected = (List<Map<String, Object>>) answer.get("rejected");
		assertThat(rejected).extracting((r) -> ((List<Map<String, Object>>) r.get("errors")).get(0).get("field"))
			.containsExactly("userId");
	}

	@Test
	void bodyThatIsNotAnEventNamesTheField() {
		this.web.post()
			.uri("/api/usage-events")
			.headers((headers) -> headers.setBearerAuth(ingestToken()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{\"events\":[]}")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("events");
		this.web.post()
			.uri("/api/usage-events")
			.headers((headers) -> headers.setBearerAuth(ingestToken()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{not json")
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(400);
	}

	@Test
	void batchOfMoreThanAThousandEventsNamesTheField() {
		StringBuilder body = new StringBuilder("{\"events\":[");
		for (int i = 0; i <= 1000; i++) {
			body.append((i > 0) ? "," : "").append("{\"kind\":\"task_completed\"}");
		}
		this.web.post()
			.uri("/api/usage-events")
			.headers((headers) -> headers.setBearerAuth(ingestToken()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body.append("]}").toString())
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("events");
	}

	@Test
	void withoutATokenTheAnswerIs401() {
		this.web.post()
			.uri("/api/usage-events")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(usageEvent(UUID.randomUUID(), "task_completed", null, null))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void onlyIngestMayPostAndOnlyAdminMayReadAnalytics() {
		this.web.post()
			.uri("/api/usage-events")
			.headers((headers) -> headers.setBearerAuth(adminToken()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(usageEvent(UUID.randomUUID(), "task_completed", null, null))
			.exchange()
			.expectStatus()
			.isForbidden();
		this.web.get()
			.uri("/api/admin/analytics/usage")
			.headers((headers) -> headers.setBearerAuth(ingestToken()))
			.exchange()
			.expectStatus()
			.isForbidden();
		assertRefusedQuery("/api/admin/analytics/usage?from=someday", "from");
		assertRefusedQuery("/api/admin/analytics/heatmap?source=logs", "source");
	}

	@Test
	void usageEventsFromKafkaCountOnceByTheirCloudEventId() {
		Map<String, Object> before = dayOf(usage(this.day, this.day), this.day);
		UUID id = UUID.randomUUID();
		String data = usageEvent(id, "export_completed", "u-" + UUID.randomUUID(), null);
		try (KafkaProducer<String, byte[]> producer = producer()) {
			producer
				.send(CloudEventRecords.toRecord(event(id, EventTypes.USAGE_EVENT, Topics.USAGE_EVENTS, "k", data)));
			producer
				.send(CloudEventRecords.toRecord(event(id, EventTypes.USAGE_EVENT, Topics.USAGE_EVENTS, "k", data)));
		}
		await().atMost(Duration.ofSeconds(60))
			.until(() -> delta(dayOf(usage(this.day, this.day), this.day), before, "exports") == 1);
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(10))
			.until(() -> delta(dayOf(usage(this.day, this.day), this.day), before, "exports") == 1);
	}

	@Test
	void invalidUsageEventFromKafkaGoesToTheDeadLetterTopicWithItsReason() {
		UUID id = UUID.randomUUID();
		String key = "bad-usage-" + id;
		String data = "{\"id\":\"" + id + "\",\"kind\":\"Not Snake\",\"occurredAt\":\"2026-11-25T10:00:00Z\"}";
		try (KafkaProducer<String, byte[]> producer = producer()) {
			producer.send(CloudEventRecords
				.toRecord(invalidEvent(id, EventTypes.USAGE_EVENT, Topics.USAGE_EVENTS, key, data)));
		}
		var dead = DeadLetterTopics.await(Topics.USAGE_EVENTS, key);
		assertThat(new String(dead.get(0).headers().lastHeader("kafka_dlt-exception-message").value(),
				StandardCharsets.UTF_8))
			.contains("kind");
	}

	@Test
	void heatmapHasACellForEveryHourOfTheWeek() {
		Map<String, Object> heatmap = this.web.get()
			.uri("/api/admin/analytics/heatmap?source=api")
			.headers((headers) -> headers.setBearerAuth(adminToken()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JSON)
			.returnResult()
			.getResponseBody();
		assertThat((List<?>) heatmap.get("items")).hasSize(168);
	}

	private Map<String, Object> ingest(String body) {
		return postJson("/api/usage-events", ingestToken(), body, HttpStatus.ACCEPTED);
	}

	private Map<String, Object> usage(LocalDate from, LocalDate to) {
		return adminGet("/api/admin/analytics/usage?from={from}&to={to}", from, to);
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> dayOf(Map<String, Object> usage, LocalDate day) {
		return ((List<Map<String, Object>>) usage.get("days")).stream()
			.filter((row) -> day.toString().equals(row.get("day")))
			.findFirst()
			.orElseThrow();
	}

	private static long delta(Map<String, Object> after, Map<String, Object> before, String field) {
		return ((Number) after.get(field)).longValue() - ((Number) before.get(field)).longValue();
	}

	private String usageEvent(UUID id, String kind, @Nullable String userId, @Nullable String sessionId) {
		String session = (sessionId != null) ? "\"" + sessionId + "\"" : "null";
		String event = "{\"id\":\"" + id + "\",\"kind\":\"" + kind + "\",\"userId\":"
				+ ((userId != null) ? "\"" + userId + "\"" : "null") + ",\"sessionId\":" + session
				+ ",\"occurredAt\":\"" + this.day.atTime(10, 0).toInstant(ZoneOffset.UTC)
				+ "\",\"attributes\":{\"source\":\"test\"}}";
		EventSchemas.assertConforms(EventTypes.USAGE_EVENT, event);
		return event;
	}

}
