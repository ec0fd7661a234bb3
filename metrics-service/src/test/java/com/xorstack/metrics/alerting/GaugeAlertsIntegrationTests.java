package com.xorstack.metrics.alerting;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpStatus;

import com.xorstack.devstack.EventSchemas;
import com.xorstack.platform.events.EventTypes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Rules over system gauges ({@code gauge:<name>}): the latest reading of each label set
 * in the window, summed per instance.
 */
class GaugeAlertsIntegrationTests extends AlertingIntegrationTest {

	private static final String HOOK = "{\"type\": \"webhook\", \"url\": \"http://127.0.0.1:9/hook\"}";

	private final JsonMapper json = JsonMapper.builder().build();

	private final String name = "storage.bytes.t" + Math.abs(UUID.randomUUID().getMostSignificantBits() % 1000000);

	private final Instant now = this.t0.truncatedTo(ChronoUnit.SECONDS);

	@Test
	void perServiceRuleFiresForTheServiceWhoseTablesSumAboveTheThreshold() throws Exception {
		try (TestReceiver receiver = new TestReceiver(0)) {
			post(reading(40, "ailog-service", "ai_logs", minutesAgo(10)),
					reading(15, "ailog-service", "feedback_links", minutesAgo(20)),
					reading(20, "feedback-service", "feedback", minutesAgo(10)),
					// older than the window: neither counts
					reading(1000, "ailog-service", "ai_logs", minutesAgo(90)),
					reading(1000, "old-service", "things", minutesAgo(90)));
			Map<String, Object> rule = createRule("""
					{"name": "storage per service %s", "metric": "gauge:%s", "groupBy": "service",
					 "operator": "above", "threshold": 50, "window": "PT1H", "for": "PT0S", "severity": "warning",
					 "receivers": [%s]}""".formatted(this.name, this.name, receiver("webhook", receiver.url("/hook"))));

			tick(this.now);
			deliver(this.now);

			assertThat(instances(rule))
				.extracting((item) -> label(item, "service"), (item) -> item.get("state"), (item) -> item.get("value"))
				.containsExactly(tuple("ailog-service", "firing", 55.0));
			JsonNode sent = this.json.readTree(receiver.accepted("/hook").get(0).body());
			assertThat(sent.get("metric").asString()).isEqualTo("gauge:" + this.name);
			assertThat(sent.get("alerts").get(0).get("value").asDouble()).isEqualTo(55.0);

			// two hours on, every reading is older than the window: no value, resolved
			tick(this.now.plus(2, ChronoUnit.HOURS));
			assertThat(instances(rule)).extracting((item) -> item.get("state")).containsExactly("resolved");
		}
	}

	@Test
	void tableRuleFiresOnTheLatestReadingAndResolvesWhenANewerOneFallsBelow() {
		post(reading(80, "ailog-service", "ai_logs", minutesAgo(30)),
				reading(40, "ailog-service", "ai_logs", minutesAgo(5)),
				reading(500, "ailog-service", "other_table", minutesAgo(5)));
		Map<String, Object> rule = createRule("""
				{"name": "ai_logs %s", "metric": "gauge:%s", "labels": {"service": "ailog-service", "kind": "ai_logs"},
				 "operator": "above", "threshold": 50, "window": "PT1H", "for": "PT0S", "severity": "critical",
				 "receivers": [%s]}""".formatted(this.name, this.name, HOOK));

		// 80 is in the window but older than 40
		tick(this.now);
		assertThat(state(rule.get("id"))).isEqualTo("inactive");

		post(reading(60, "ailog-service", "ai_logs", this.now.plusSeconds(60)));
		tick(this.now.plusSeconds(120));
		assertThat(state(rule.get("id"))).isEqualTo("firing");

		post(reading(30, "ailog-service", "ai_logs", this.now.plusSeconds(180)));
		tick(this.now.plusSeconds(240));
		assertThat(alerts("?ruleId=" + rule.get("id")))
			.extracting((alert) -> alert.get("state"), (alert) -> alert.get("value"))
			.containsExactly(tuple("resolved", 30.0), tuple("firing", 60.0));
	}

	@Test
	void badGaugeRulesAreRefusedNamingTheFieldAndTheDocumentedOnesAccepted() {
		String rest = "\"operator\": \"above\", \"threshold\": 1, \"window\": \"PT5M\", \"for\": \"PT0S\","
				+ " \"severity\": \"info\", \"receivers\": [" + HOOK + "]";
		Map<String, String> cases = Map.of("\"metric\": \"gauge:Storage Bytes\"", "metric", "\"metric\": \"gauge:\"",
				"metric", "\"metric\": \"gauge:storage.bytes\", \"labels\": {\"1kind\": \"x\"}", "labels",
				"\"metric\": \"gauge:storage.bytes\", \"labels\": {\"kind\": \" \"}", "labels.kind",
				"\"metric\": \"gauge:storage.bytes\", \"labels\": {\"kind\": \"x\"}, \"groupBy\": \"kind\"", "groupBy",
				"\"metric\": \"gauge:storage.bytes\", \"groupBy\": \"severity\"", "groupBy");
		cases.forEach((metric, field) -> assertRefused("/api/admin/alert-rules",
				"{\"name\": \"g\", " + metric + ", " + rest + "}", field));
		Map<String, Object> valid = createRule("{\"name\": \"g\", \"metric\": \"gauge:storage.bytes\", \"labels\":"
				+ " {\"service\": \"ailog-service\"}, \"groupBy\": \"kind\", " + rest + "}");
		assertThat(valid).containsEntry("metric", "gauge:storage.bytes").containsEntry("groupBy", "kind");
		// the examples of docs/ALERTING.md
		createRule("""
				{"name": "service storage", "metric": "gauge:storage.bytes", "groupBy": "service", "operator": "above",
				 "threshold": 50e9, "window": "PT1H", "for": "PT0S", "severity": "warning",
				 "receivers": [{"type": "email", "to": "oncall@example.com"}]}""");
		createRule("""
				{"name": "big tables", "metric": "gauge:storage.bytes", "groupBy": "kind", "operator": "above",
				 "threshold": 10e9, "window": "PT1H", "for": "PT0S", "severity": "info",
				 "receivers": [{"type": "webhook", "url": "https://ops.example.com/alerts"}]}""");
	}

	private Instant minutesAgo(int minutes) {
		return this.now.minus(minutes, ChronoUnit.MINUTES);
	}

	private void post(String... readings) {
		Map<String, Object> answer = postJson("/api/system-metrics", ingestToken(),
				"{\"events\":[" + String.join(",", readings) + "]}", HttpStatus.ACCEPTED);
		assertThat(answer).containsEntry("accepted", readings.length);
	}

	private String reading(double value, String service, String kind, Instant at) {
		String reading = "{\"id\":\"" + UUID.randomUUID() + "\",\"name\":\"" + this.name + "\",\"value\":" + value
				+ ",\"unit\":\"bytes\",\"labels\":{\"service\":\"" + service + "\",\"kind\":\"" + kind + "\"},\"at\":\""
				+ at + "\"}";
		EventSchemas.assertConforms(EventTypes.SYSTEM_GAUGE, reading);
		return reading;
	}

	@SuppressWarnings("unchecked")
	private List<Map<String, Object>> instances(Map<String, Object> rule) {
		return (List<Map<String, Object>>) adminGet("/api/admin/alert-rules/{id}/instances", rule.get("id"))
			.get("items");
	}

	@SuppressWarnings("unchecked")
	private static String label(Map<String, Object> item, String name) {
		return ((Map<String, String>) item.get("labels")).get(name);
	}

}
