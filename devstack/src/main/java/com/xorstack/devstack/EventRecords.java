package com.xorstack.devstack;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what really arrived on a topic of the test stack's Kafka, from its beginning: for
 * the integration tests of the services that publish or consume events.
 */
public final class EventRecords {

	private static final TypeReference<Map<String, Object>> JSON_MAP = new TypeReference<>() {
	};

	private EventRecords() {
	}

	/**
	 * Every record of {@code topic} that {@code wanted} accepts: polls until
	 * {@code count} arrived, then {@code settle} longer so that a duplicate would show
	 * too.
	 */
	public static List<ConsumerRecord<String, byte[]>> await(String topic,
			Predicate<ConsumerRecord<String, byte[]>> wanted, int count, Duration timeout, Duration settle) {
		Properties config = new Properties();
		config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestStack.get().kafkaBootstrapServers());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + timeout.toNanos();
			long settled = Long.MAX_VALUE;
			while (System.nanoTime() < Math.min(deadline, settled)) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(300))) {
					if (wanted.test(record)) {
						found.add(record);
					}
				}
				if (found.size() >= count && settled == Long.MAX_VALUE) {
					settled = System.nanoTime() + settle.toNanos();
				}
			}
		}
		return found;
	}

	/** The first delivery of each CloudEvent id, in the order they arrived. */
	public static List<ConsumerRecord<String, byte[]>> distinct(List<ConsumerRecord<String, byte[]>> records) {
		Set<String> seen = new HashSet<>();
		return records.stream().filter((record) -> seen.add(header(record, "ce_id"))).toList();
	}

	public static String header(ConsumerRecord<?, ?> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

	public static Map<String, Object> data(ConsumerRecord<?, byte[]> record) {
		return JsonMapper.shared().readValue(record.value(), JSON_MAP);
	}

}
