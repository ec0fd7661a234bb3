package com.xorstack.metrics.alerting;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.xorstack.devstack.TestStack;
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
			assertThat(records).extracting((record) -> header(record, "ce_type"))
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
	 * Polls the topic from its beginning until {@code count} arrived, then 2 s longer.
	 */
	private static List<ConsumerRecord<String, byte[]>> records(String key, int count) {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestStack.get().kafkaBootstrapServers());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "alert-events-test-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.ALERTS_EVENTS));
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			long settled = Long.MAX_VALUE;
			while (System.nanoTime() < Math.min(deadline, settled)) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
					if (key.equals(record.key())) {
						found.add(record);
					}
				}
				if (found.size() >= count && settled == Long.MAX_VALUE) {
					settled = System.nanoTime() + Duration.ofSeconds(2).toNanos();
				}
			}
		}
		return found;
	}

	private static String header(ConsumerRecord<?, ?> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

}
