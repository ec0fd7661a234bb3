package com.xorstack.metrics.alerting;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** Rules with {@code groupBy}: one alert instance per label value, notified together. */
class AlertInstancesIntegrationTests extends AlertingIntegrationTest {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void eachModelIsAnInstanceWithItsOwnForAndHistoryAndChangesOfOneEvaluationAreSentTogether() throws Exception {
		try (TestReceiver receiver = new TestReceiver(0)) {
			// rollups are per minute: calls two minutes before the minute m, and a minute
			// after it
			Instant m = this.t0.truncatedTo(ChronoUnit.MINUTES);
			String function = "per-model-" + UUID.randomUUID();
			this.aiCalls(function, "early", 10, m.minusSeconds(120));
			this.aiCalls(function, "late", 10, m.plusSeconds(60));
			this.aiCalls(function, "quiet", 2, m.minusSeconds(120));
			Map<String, Object> rule = createRule(perModelRule("per model " + function, function, "PT1M",
					receiver("webhook", receiver.url("/hook")) + "," + receiver("slack", receiver.url("/slack"))));

			tick(m);
			// early fires after its minute, as late starts pending
			tick(m.plusSeconds(70));
			deliver(m.plusSeconds(70));
			tick(m.plusSeconds(131));
			deliver(m.plusSeconds(131));
			this.web.get()
				.uri("/api/admin/alert-rules/{id}/instances", rule.get("id"))
				.headers((headers) -> headers.setBearerAuth(adminToken()))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.items[*].labels.model")
				.isEqualTo(List.of("early", "late"))
				.jsonPath("$.items[*].state")
				.isEqualTo(List.of("firing", "firing"))
				.jsonPath("$.items[*].notified")
				.isEqualTo(List.of("firing", "firing"));
			this.web.get()
				.uri("/api/admin/alert-rules/{id}/instances", UUID.randomUUID())
				.headers((headers) -> headers.setBearerAuth(adminToken()))
				.exchange()
				.expectStatus()
				.isNotFound();
			// both resolve in one evaluation: one notification listing both
			tick(m.plusSeconds(10 * 60));
			deliver(m.plusSeconds(10 * 60));
			deliver(m.plusSeconds(11 * 60));

			List<JsonNode> hooks = receiver.accepted("/hook")
				.stream()
				.map((received) -> this.json.readTree(received.body()))
				.toList();
			assertThat(hooks).hasSize(3);
			assertThat(models(hooks.get(0))).containsExactly("early");
			assertThat(models(hooks.get(1))).containsExactly("late");
			assertThat(models(hooks.get(2))).containsExactly("early", "late");
			assertThat(hooks.get(2).get("state").asString()).isEqualTo("resolved");
			assertThat(hooks.get(2).get("resolved").asInt()).isEqualTo(2);
			assertThat(hooks.get(2).get("alerts").get(0).get("labels").get("function").asString()).isEqualTo(function);
			assertThat(this.json.readTree(receiver.accepted("/slack").get(2).body()).get("text").asString())
				.startsWith("[RESOLVED:2] per model " + function + " (warning): 0 firing, 2 resolved\n- [RESOLVED]");

			List<Map<String, Object>> history = alerts("?ruleId=" + rule.get("id"));
			assertThat(history.stream()
				.filter((alert) -> "early".equals(label(alert, "model")))
				.map((alert) -> alert.get("state"))).containsExactly("resolved", "firing", "pending");
			assertThat(history.stream()
				.filter((alert) -> "late".equals(label(alert, "model")))
				.map((alert) -> alert.get("state"))).containsExactly("resolved", "firing", "pending");
			assertThat(history).noneMatch((alert) -> "quiet".equals(label(alert, "model")));
		}
	}

	@Test
	void aRuleTracksAtMostItsCapOfInstancesTheWorstFirst() throws Exception {
		AlertingProperties capped = new AlertingProperties(this.properties.evaluationInterval(),
				this.properties.deliveryInterval(), this.properties.evaluationTimeout(), this.properties.maxAttempts(),
				this.properties.retryBackoff(), this.properties.timeout(), this.properties.redeliveryBackoff(),
				this.properties.lease(), this.properties.mailFrom(), 2, this.properties.breakerMinimumCalls(),
				this.properties.breakerOpenWait(), this.properties.giveUpAfterAttempts(),
				this.properties.giveUpAfter());
		AlertEvaluator evaluator = evaluator(capped, this.clock);
		try (TestReceiver receiver = new TestReceiver(0)) {
			String function = "capped-" + UUID.randomUUID();
			for (int i = 1; i <= 4; i++) {
				this.aiCalls(function, "m" + i, 5 + i, this.t0.minusSeconds(10));
			}
			String name = "capped " + function;
			Map<String, Object> rule = createRule(
					perModelRule(name, function, "PT0S", receiver("webhook", receiver.url("/hook"))));
			evaluator.tick(this.t0).block(TIMEOUT);
			deliver(this.t0);
			assertThat(alerts("?ruleId=" + rule.get("id"))).extracting((alert) -> label(alert, "model"))
				.containsExactlyInAnyOrder("m4", "m3");
			assertThat(this.meters.counter("xorstack.alerts.instances.dropped", "rule", name).count()).isEqualTo(2.0);
			assertThat(receiver.accepted()).hasSize(1);
			assertThat(models(this.json.readTree(receiver.accepted().get(0).body()))).containsExactly("m3", "m4");
		}
	}

	@Test
	void groupByAndUserLabelsAreChecked() {
		Map<String, String> cases = Map.of(
				"{\"name\": \"g\", \"metric\": \"api.requests\", \"groupBy\": \"model\", %s}", "groupBy",
				"{\"name\": \"g\", \"metric\": \"ai.calls\", \"groupBy\": \"operation\", %s}", "groupBy",
				"{\"name\": \"g\", \"metric\": \"ai.calls\", \"labels\": {\"model\": \"m\"}, \"groupBy\": \"model\", %s}",
				"groupBy",
				"{\"name\": \"g\", \"metric\": \"ai.calls\", \"labels\": {\"function\": \"f\"}, \"groupBy\": \"user\", %s}",
				"groupBy",
				"{\"name\": \"g\", \"metric\": \"api.requests\", \"labels\": {\"route\": \"/r\", \"user\": \"u\"}, %s}",
				"labels.user", "{\"name\": \"g\", \"metric\": \"dashboard.load.p95_ms\", \"groupBy\": \"user\", %s}",
				"groupBy");
		String rest = "\"operator\": \"above\", \"threshold\": 1, \"window\": \"PT5M\", \"for\": \"PT0S\","
				+ " \"severity\": \"info\", \"receivers\": [{\"type\": \"webhook\", \"url\": \"http://127.0.0.1:9/\"}]";
		cases.forEach((body, field) -> assertRefused("/api/admin/alert-rules", body.formatted(rest), field));
		Map<String, Object> perUser = createRule(
				"{\"name\": \"per user\", \"metric\": \"ai.cost_usd\"," + " \"groupBy\": \"user\", " + rest + "}");
		assertThat(perUser).containsEntry("groupBy", "user");
	}

	private static String label(Map<String, Object> alert, String name) {
		@SuppressWarnings("unchecked")
		Map<String, String> labels = (Map<String, String>) alert.get("labels");
		return labels.get(name);
	}

	private static List<String> models(JsonNode notification) {
		return notification.get("alerts")
			.valueStream()
			.map((alert) -> alert.get("labels").get("model").asString())
			.toList();
	}

}
