package com.xorstack.metrics.traffic;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.xorstack.devstack.TestStack;
import com.xorstack.platform.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads a topic's dead letters from the start until the ones with the given keys came.
 */
public final class DeadLetterTopics {

	private DeadLetterTopics() {
	}

	public static List<ConsumerRecord<String, byte[]>> await(String topic, String... keys) {
		Properties config = new Properties();
		config.putAll(TestStack.get().kafkaAdminProperties());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		Map<String, ConsumerRecord<String, byte[]>> found = new HashMap<>();
		List<String> wanted = List.of(keys);
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.deadLetter(topic)));
			long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
			while (System.nanoTime() < deadline && found.size() < keys.length) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					if (record.key() != null && wanted.contains(record.key())) {
						found.put(record.key(), record);
					}
				}
			}
		}
		assertThat(found.keySet()).as("dead letters").containsExactlyInAnyOrderElementsOf(wanted);
		return wanted.stream().map(found::get).toList();
	}

}
