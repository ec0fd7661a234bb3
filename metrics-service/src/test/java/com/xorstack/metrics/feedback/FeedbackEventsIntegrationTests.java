package com.xorstack.metrics.feedback;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Properties;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

import com.xorstack.devstack.EventSchemas;
import com.xorstack.devstack.TestStack;
import com.xorstack.metrics.MetricsIntegrationTest;
import com.xorstack.platform.events.CloudEventRecords;
import com.xorstack.platform.events.EventTypes;
import com.xorstack.platform.events.OutgoingEvent;
import com.xorstack.platform.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Feedback events from a real Kafka into the real metrics database: every event counts
 * once, and a record that cannot be read goes to the dead-letter topic while the consumer
 * goes on.
 */
class FeedbackEventsIntegrationTests extends MetricsIntegrationTest {

	@Autowired
	FeedbackStateRepository states;

	@Test
	void redeliveredEventIsCountedOnce() {
		long before = pending();
		OutgoingEvent submitted = submitted(UUID.randomUUID());
		try (KafkaProducer<String, byte[]> producer = producer()) {
			producer.send(CloudEventRecords.toRecord(submitted));
			producer.send(CloudEventRecords.toRecord(submitted));
			producer.send(CloudEventRecords.toRecord(submitted(UUID.randomUUID())));
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> pending() == before + 2);
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> pending() == before + 2);
	}

	@Test
	void unreadableRecordGoesToTheDeadLetterTopicAndTheConsumerGoesOn() {
		long before = pending();
		String poisonKey = "poison-" + UUID.randomUUID();
		try (KafkaProducer<String, byte[]> producer = producer()) {
			producer.send(new ProducerRecord<>(Topics.FEEDBACK_EVENTS, poisonKey,
					"{not a cloud event".getBytes(StandardCharsets.UTF_8)));
			producer.send(CloudEventRecords.toRecord(submitted(UUID.randomUUID())));
		}
		ConsumerRecord<String, byte[]> dead = awaitDeadLetter(poisonKey);
		assertThat(dead.headers().lastHeader("kafka_dlt-exception-message")).isNotNull();
		assertThat(new String(dead.headers().lastHeader("kafka_dlt-exception-message").value(), StandardCharsets.UTF_8))
			.contains("CloudEvent");
		await().atMost(Duration.ofSeconds(30)).until(() -> pending() == before + 1);
	}

	@Test
	void anEventInTheNameOfAServiceThatDoesNotWriteTheTopicIsDeadLetteredNotCounted() {
		long before = pending();
		UUID id = UUID.randomUUID();
		OutgoingEvent genuine = submitted(id);
		OutgoingEvent forged = new OutgoingEvent(genuine.id(), genuine.type(), URI.create("/ailog-service"),
				genuine.time(), genuine.topic(), genuine.key(), genuine.data());
		try (KafkaProducer<String, byte[]> producer = producer()) {
			producer.send(CloudEventRecords.toRecord(forged));
			producer.send(CloudEventRecords.toRecord(submitted(UUID.randomUUID())));
		}
		ConsumerRecord<String, byte[]> dead = awaitDeadLetter(id.toString());
		assertThat(new String(dead.headers().lastHeader("kafka_dlt-exception-message").value(), StandardCharsets.UTF_8))
			.contains("comes from /ailog-service");
		await().atMost(Duration.ofSeconds(30)).until(() -> pending() == before + 1);
		await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> pending() == before + 1);
	}

	@Test
	void triagedEventMovesFeedbackOutOfPending() {
		UUID id = UUID.randomUUID();
		long before = pending();
		try (KafkaProducer<String, byte[]> producer = producer()) {
			producer.send(CloudEventRecords.toRecord(submitted(id)));
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> pending() == before + 1);
		String triaged = "{\"feedbackId\":\"" + id + "\",\"status\":\"reviewed\",\"previousStatus\":\"pending\","
				+ "\"priority\":\"high\",\"triagedBy\":\"someone\",\"triagedAt\":\"2026-11-25T10:00:00Z\",\"version\":1}";
		try (KafkaProducer<String, byte[]> producer = producer()) {
			producer.send(CloudEventRecords.toRecord(event(EventTypes.FEEDBACK_TRIAGED, id, triaged)));
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> pending() == before);
	}

	private long pending() {
		return this.states.countByStatus("pending").block();
	}

	private static OutgoingEvent submitted(UUID feedbackId) {
		String data = "{\"feedbackId\":\"" + feedbackId + "\",\"userId\":\"u1\",\"category\":\"bug\","
				+ "\"status\":\"pending\",\"priority\":\"medium\",\"createdAt\":\"2026-11-25T09:00:00Z\"}";
		return event(EventTypes.FEEDBACK_SUBMITTED, feedbackId, data);
	}

	private static OutgoingEvent event(String type, UUID feedbackId, String data) {
		EventSchemas.assertConforms(type, data);
		return new OutgoingEvent(UUID.randomUUID(), type, URI.create("/feedback-service"), OffsetDateTime.now(),
				Topics.FEEDBACK_EVENTS, feedbackId.toString(), data.getBytes(StandardCharsets.UTF_8));
	}

	private static ConsumerRecord<String, byte[]> awaitDeadLetter(String key) {
		Properties config = new Properties();
		config.putAll(TestStack.get().kafkaAdminProperties());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.deadLetter(Topics.FEEDBACK_EVENTS)));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (System.nanoTime() < deadline) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					if (key.equals(record.key())) {
						return record;
					}
				}
			}
			throw new AssertionError("No dead letter with key " + key + " within 30 s");
		}
	}

}
