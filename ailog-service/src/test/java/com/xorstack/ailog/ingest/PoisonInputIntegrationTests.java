package com.xorstack.ailog.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.xorstack.ailog.AiLogApi;
import com.xorstack.ailog.AilogIntegrationTest;
import com.xorstack.devstack.EventRecords;
import com.xorstack.platform.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Input that once stopped or stalled the ingest: an answer listing hundreds of readings
 * (the phone-number pattern overflowed the stack on it, and on Kafka the Error stopped
 * the consumer), a long run of letters before an at sign (the e-mail pattern is quadratic
 * on it). Whatever becomes of such an event, the ingest answers and goes on.
 */
class PoisonInputIntegrationTests extends AilogIntegrationTest {

	private static final String LETTERS_THEN_AT = "a".repeat(20_000) + "@";

	@Autowired
	DatabaseClient db;

	AiLogApi api;

	WebTestClient web;

	@Autowired
	void api(WebTestClient web) {
		this.api = new AiLogApi(web);
		this.web = web;
	}

	@ParameterizedTest
	@ValueSource(strings = { ", ", " " })
	void anAnswerListingHundredsOfReadingsIsStoredFromRest(String separator) {
		Map<String, Object> event = AiLogApi.event("poison-rest-" + UUID.randomUUID(), Instant.now());
		event.put("outputPreview", IngestRecords.glucoseReadings(separator));
		assertThat(this.api.accepted(event)).containsEntry("accepted", 1);
		assertThat(IngestRecords.storedIds(this.db, (String) event.get("functionName"))).hasSize(1);
	}

	/** A stall check, not a speed claim: ten seconds is generous. */
	@Test
	void aLongRunOfLettersBeforeAnAtSignIsAnsweredPromptlyFromRest() {
		Map<String, Object> event = AiLogApi.event("poison-rest-" + UUID.randomUUID(), Instant.now());
		event.put("outputPreview", LETTERS_THEN_AT);
		new AiLogApi(this.web.mutate().responseTimeout(Duration.ofSeconds(10)).build()).post(event)
			.expectStatus()
			.isAccepted();
		assertThat(IngestRecords.storedIds(this.db, (String) event.get("functionName"))).hasSize(1);
	}

	@ParameterizedTest
	@ValueSource(strings = { ", ", " " })
	void anAnswerListingHundredsOfReadingsNeverStopsTheKafkaIngest(String separator) {
		String function = "poison-kafka-" + UUID.randomUUID();
		Map<String, Object> poison = AiLogApi.event(function, Instant.now());
		poison.put("outputPreview", IngestRecords.glucoseReadings(separator));
		Map<String, Object> next = AiLogApi.event(function, Instant.now());
		sendInOrder(function, poison, next);
		await().atMost(Duration.ofSeconds(90))
			.untilAsserted(() -> assertThat(IngestRecords.storedIds(this.db, function))
				.contains(UUID.fromString((String) next.get("id"))));
		if (IngestRecords.storedIds(this.db, function).size() < 2) {
			ConsumerRecord<String, byte[]> letter = deadLetter(function);
			assertThat(EventRecords.header(letter, "ce_id")).isEqualTo(poison.get("id"));
			assertThat(EventRecords.header(letter, "kafka_dlt-exception-fqcn")).isNotBlank();
			assertThat(EventRecords.header(letter, "kafka_dlt-exception-message")).isNotBlank();
		}
	}

	/**
	 * The preview of an invalid record is redacted before the record is dead-lettered: an
	 * Error there (the phone pattern overflowed the stack on this preview) must not stop
	 * the consumer either.
	 */
	@Test
	void anInvalidRecordListingHundredsOfReadingsIsDeadLetteredAndTheNextIsStored() {
		String function = "poison-kafka-" + UUID.randomUUID();
		Map<String, Object> invalid = AiLogApi.event(function, Instant.now());
		invalid.remove("status");
		invalid.put("outputPreview", IngestRecords.glucoseReadings(" "));
		Map<String, Object> next = AiLogApi.event(function, Instant.now());
		try (KafkaProducer<String, byte[]> producer = IngestRecords.producer()) {
			producer.send(IngestRecords.record((String) invalid.get("id"), invalid, function));
			producer.send(IngestRecords.cloudEvent(next, function));
			producer.flush();
		}
		await().atMost(Duration.ofSeconds(90))
			.untilAsserted(() -> assertThat(IngestRecords.storedIds(this.db, function)).hasSize(1));
		ConsumerRecord<String, byte[]> letter = deadLetter(function);
		assertThat(EventRecords.header(letter, "ce_id")).isEqualTo(invalid.get("id"));
		assertThat(EventRecords.header(letter, "kafka_dlt-exception-message")).contains("status is required");
	}

	@Test
	void aLongRunOfLettersBeforeAnAtSignNeverStopsTheKafkaIngest() {
		String function = "poison-kafka-" + UUID.randomUUID();
		Map<String, Object> poison = AiLogApi.event(function, Instant.now());
		poison.put("outputPreview", LETTERS_THEN_AT);
		Map<String, Object> next = AiLogApi.event(function, Instant.now());
		sendInOrder(function, poison, next);
		await().atMost(Duration.ofSeconds(90))
			.untilAsserted(() -> assertThat(IngestRecords.storedIds(this.db, function)).hasSize(2));
	}

	/** One key, one partition: the next record is read only after the poison. */
	private static void sendInOrder(String key, Map<String, Object> poison, Map<String, Object> next) {
		try (KafkaProducer<String, byte[]> producer = IngestRecords.producer()) {
			producer.send(IngestRecords.cloudEvent(poison, key));
			producer.send(IngestRecords.cloudEvent(next, key));
			producer.flush();
		}
	}

	private static ConsumerRecord<String, byte[]> deadLetter(String key) {
		List<ConsumerRecord<String, byte[]>> letters = EventRecords.await(Topics.deadLetter(Topics.AILOG_INGEST),
				(record) -> key.equals(record.key()), 1, Duration.ofSeconds(30), Duration.ZERO);
		assertThat(letters).as("dead letters of " + key).hasSize(1);
		return letters.get(0);
	}

}
