package com.xorstack.metrics.alerting;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.xorstack.devstack.EventRecords;
import com.xorstack.platform.events.EventTypes;
import com.xorstack.platform.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;

class AlertEventsIntegrationTests extends AlertingIntegrationTest {

	@Test
	void eachStoredChangePendingIncludedIsPublishedOnceOnAlertsEvents() throws Exception {
		try (TestReceiver receiver = new TestReceiver(0)) {
			String route = route();
			this.calls(route, 10, this.t0.minusSeconds(10));
			Map<String, Object> rule = createRule(
					requestsRule("events " + route, route, "PT1M", receiver("webhook", receiver.url("/hook"))));
			tick(this.t0);
			tick(this.t0.plusSeconds(61));
			tick(this.t0.plusSeconds(6 * 60));
			List<ConsumerRecord<String, byte[]>> records = records(rule.get("id").toString(), 3);
			assertThat(records).hasSize(3);
			assertThat(records).extracting((record) -> EventRecords.header(record, "ce_type"))
				.containsOnly(EventTypes.ALERT_STATE_CHANGED);
			JsonMapper json = JsonMapper.builder().build();
			List<JsonNode> data = records.stream().map((record) -> json.readTree(record.value())).toList();
			assertThat(data).extracting((node) -> node.get("state").asString())
				.containsExactly("pending", "firing", "resolved");
			assertThat(data.get(0).get("rule").asString()).isEqualTo("events " + route);
			assertThat(data.get(0).get("silenced").asBoolean()).isFalse();
		}
	}

	/**
	 * The events of rule {@code key}, each checked against the schema of its type: polls
	 * the topic from its beginning until {@code count} arrived, then 2 s longer.
	 */
	private static List<ConsumerRecord<String, byte[]>> records(String key, int count) {
		return EventRecords.await(Topics.ALERTS_EVENTS, (record) -> key.equals(record.key()), count,
				Duration.ofSeconds(60), Duration.ofSeconds(2));
	}

}
