package com.xorstack.metrics.alerting;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.xorstack.metrics.rollup.UserRollups;
import com.xorstack.platform.events.CloudEventRecords;
import com.xorstack.platform.events.EventTypes;
import com.xorstack.platform.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Per-user rules over the per-user minute rollups, which the traffic recorder writes from
 * the users named by {@code ailog.recorded.v1} and {@code gateway.request.v1} events.
 */
class PerUserAlertsIntegrationTests extends AlertingIntegrationTest {

	@Autowired
	UserRollups userRollups;

	@Test
	void perUserRulesFireForTheUsersWhoBreachFromRecordedEvents() throws Exception {
		String heavy = "u-" + UUID.randomUUID();
		String light = "u-" + UUID.randomUUID();
		Instant at = Instant.now().minusSeconds(5);
		try (KafkaProducer<String, byte[]> producer = producer()) {
			for (int i = 0; i < 3; i++) {
				producer.send(CloudEventRecords.toRecord(aiCall(heavy, at, 800, 30_000, 10_000)));
			}
			producer.send(CloudEventRecords.toRecord(aiCall(light, at, 100, 600, 400)));
			for (int i = 0; i < 2; i++) {
				producer.send(CloudEventRecords.toRecord(request(heavy, at, 503)));
			}
		}
		await().atMost(Duration.ofSeconds(60))
			.pollInterval(Duration.ofMillis(200))
			.until(() -> tokens(heavy) == 120_000 && tokens(light) == 1_000 && userCalls("api", heavy) == 2);

		try (TestReceiver receiver = new TestReceiver(0)) {
			String hook = receiver("webhook", receiver.url("/hook"));
			Map<String, Object> perUser = createRule("{\"name\": \"tokens per user " + heavy + "\","
					+ " \"metric\": \"ai.tokens.total\", \"groupBy\": \"user\", \"operator\": \"above\","
					+ " \"threshold\": 100000, \"window\": \"PT5M\", \"for\": \"PT0S\", \"severity\": \"warning\","
					+ " \"receivers\": [" + hook + "]}");
			Map<String, Object> latency = createRule(
					oneUser("latency " + heavy, "ai.latency.p95_ms", heavy, 500, hook));
			Map<String, Object> errors = createRule(
					oneUser("errors " + heavy, "api.error_rate_percent", heavy, 50, hook));
			Map<String, Object> lightLatency = createRule(
					oneUser("latency " + light, "ai.latency.p95_ms", light, 500, hook));

			tick(Instant.now());
			List<Map<String, Object>> tokenAlerts = alerts("?ruleId=" + perUser.get("id"));
			assertThat(tokenAlerts).filteredOn((alert) -> heavy.equals(user(alert)))
				.extracting((alert) -> alert.get("state"))
				.containsExactly("firing");
			assertThat(tokenAlerts).noneMatch((alert) -> light.equals(user(alert)));
			assertThat(alerts("?ruleId=" + latency.get("id"))).extracting((alert) -> alert.get("state"))
				.containsExactly("firing");
			assertThat(alerts("?ruleId=" + errors.get("id"))).extracting((alert) -> alert.get("value"))
				.containsExactly(100.0);
			assertThat(alerts("?ruleId=" + lightLatency.get("id"))).isEmpty();
		}
	}

	@Test
	void perUserMinutesAreDeletedPastTheirRetention() {
		String user = "u-" + UUID.randomUUID();
		Instant old = Instant.now().minus(Duration.ofDays(3)).truncatedTo(ChronoUnit.MINUTES);
		Instant recent = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MINUTES);
		for (Instant bucket : List.of(old, recent)) {
			this.db
				.sql("insert into rollup_user_minute (kind, user_id, bucket, calls) values ('ai', :user, :bucket, 1)")
				.bind("user", user)
				.bind("bucket", AlertStates.at(bucket))
				.then()
				.block(TIMEOUT);
		}
		assertThat(this.userRollups.deleteExpired().block(TIMEOUT)).isPositive();
		assertThat(userCalls("ai", user)).isEqualTo(1);
	}

	private static String oneUser(String name, String metric, String user, double threshold, String receiver) {
		return "{\"name\": \"" + name + "\", \"metric\": \"" + metric + "\", \"labels\": {\"user\": \"" + user + "\"},"
				+ " \"operator\": \"above\", \"threshold\": " + threshold + ", \"window\": \"PT5M\", \"for\": \"PT0S\","
				+ " \"severity\": \"critical\", \"receivers\": [" + receiver + "]}";
	}

	private static String user(Map<String, Object> alert) {
		@SuppressWarnings("unchecked")
		Map<String, String> labels = (Map<String, String>) alert.get("labels");
		return labels.get("user");
	}

	private long tokens(String user) {
		return this.db
			.sql("select coalesce(sum(input_tokens + output_tokens), 0) as n from rollup_user_minute"
					+ " where kind = 'ai' and user_id = :user")
			.bind("user", user)
			.map((row) -> ((Number) row.get("n")).longValue())
			.one()
			.block(TIMEOUT);
	}

	private long userCalls(String kind, String user) {
		return this.db
			.sql("select coalesce(sum(calls), 0) as n from rollup_user_minute where kind = :kind and user_id = :user")
			.bind("kind", kind)
			.bind("user", user)
			.map((row) -> ((Number) row.get("n")).longValue())
			.one()
			.block(TIMEOUT);
	}

	private static com.xorstack.platform.events.OutgoingEvent aiCall(String user, Instant at, double durationMs,
			long input, long output) {
		UUID id = UUID.randomUUID();
		String data = "{\"id\":\"" + id + "\",\"occurredAt\":\"" + at + "\",\"functionName\":\"per-user\","
				+ "\"operation\":\"chat\",\"requestModel\":\"gpt-test\",\"responseModel\":\"gpt-test\",\"durationMs\":"
				+ durationMs + ",\"inputTokens\":" + input + ",\"outputTokens\":" + output
				+ ",\"status\":\"success\",\"userId\":\"" + user + "\",\"sessionId\":null,\"costUsd\":null,"
				+ "\"priced\":false}";
		return event(id, EventTypes.AILOG_RECORDED, Topics.AILOG_RECORDED, "per-user", data);
	}

	private static com.xorstack.platform.events.OutgoingEvent request(String user, Instant at, int status) {
		String data = "{\"route\":\"/per-user\",\"method\":\"GET\",\"path\":\"/per-user\",\"status\":" + status
				+ ",\"durationMs\":12.0,\"userId\":\"" + user + "\",\"clientId\":null,\"sessionId\":null,\"at\":\"" + at
				+ "\"}";
		return event(UUID.randomUUID(), EventTypes.GATEWAY_REQUEST_COMPLETED, Topics.GATEWAY_REQUEST, "/per-user",
				data);
	}

}
