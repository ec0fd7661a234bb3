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
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import com.xorstack.platform.events.Topics;

/**
 * Reads what really arrived on a topic of the test stack's Kafka, from its beginning: for
 * the integration tests of the services that publish or consume events. Every record a
 * test reads is checked against the JSON Schema its {@code ce_type} names
 * ({@link EventSchemas}), so each test that reads a published event also tests the event
 * contract. Dead-letter topics are the exception: they hold what a consumer refused.
 */
public final class EventRecords {

	private static final TypeReference<Map<String, Object>> JSON_MAP = new TypeReference<>() {
	};

	private static final String DEAD_LETTER = Topics.deadLetter("");

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
		// as the super user: a test looks at what arrived, whoever may read it
		config.putAll(TestStack.get().kafkaAdminProperties());
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
						assertConforms(record);
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

	/**
	 * Fails naming every violation unless the data of {@code record} conforms to the
	 * schema of its {@code ce_type}, or when a type of ours has no schema. Records of a
	 * dead-letter topic, without a type, or of another namespace pass unchecked.
	 */
	static void assertConforms(ConsumerRecord<?, byte[]> record) {
		Header type = record.headers().lastHeader("ce_type");
		if (record.topic().endsWith(DEAD_LETTER) || type == null) {
			return;
		}
		String ceType = new String(type.value(), StandardCharsets.UTF_8);
		if (!ceType.startsWith(EventSchemas.NAMESPACE)) {
			return;
		}
		try {
			EventSchemas.assertConforms(ceType, record.value());
		}
		catch (AssertionError ex) {
			throw new AssertionError("Record " + record.topic() + "-" + record.partition() + "@" + record.offset()
					+ ": " + ex.getMessage(), ex);
		}
	}

	public static String header(ConsumerRecord<?, ?> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

	public static Map<String, Object> data(ConsumerRecord<?, byte[]> record) {
		return JsonMapper.shared().readValue(record.value(), JSON_MAP);
	}

}
