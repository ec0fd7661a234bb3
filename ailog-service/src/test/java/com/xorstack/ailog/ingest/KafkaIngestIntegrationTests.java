package com.xorstack.ailog.ingest;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;

import com.xorstack.ailog.AiLogApi;
import com.xorstack.ailog.AilogIntegrationTest;
import com.xorstack.devstack.EventRecords;
import com.xorstack.devstack.EventSchemas;
import com.xorstack.devstack.TestStack;
import com.xorstack.platform.events.KafkaPrincipals;
import com.xorstack.platform.events.CloudEventRecords;
import com.xorstack.platform.events.DeadLetters;
import com.xorstack.platform.events.EventTypes;
import com.xorstack.platform.events.OutgoingEvent;
import com.xorstack.platform.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Kafka ingest with real records: poison records go to the dead-letter topic with
 * their reason while the good ones around them are stored, a redelivered event is stored
 * once, and each stored call is announced on {@code ailog.recorded.v1}: again on a
 * redelivery, and before the batch's offsets are committed.
 */
class KafkaIngestIntegrationTests extends AilogIntegrationTest {

	@Autowired
	DatabaseClient db;

	/** What the PostgreSQL driver throws for a violated constraint. */
	private static final String REFUSED = "PostgresqlDataIntegrityViolationException";

	@Autowired
	MeterRegistry meters;

	@Test
	void poisonRecordsGoToTheDeadLetterTopicWhileTheGoodOnesAroundThemAreStoredOnce() throws Exception {
		String function = "kafka-" + UUID.randomUUID();
		Map<String, Object> first = AiLogApi.event(function, Instant.now());
		Map<String, Object> second = AiLogApi.event(function, Instant.now());
		second.put("requestModel", "acme-unpriced-1");
		second.put("outputPreview", "Reach me at someone@example.com");
		Map<String, Object> third = AiLogApi.event(function, Instant.now());
		Map<String, Object> invalid = AiLogApi.event(function, Instant.now());
		invalid.remove("status");
		invalid.put("outputPreview", "Mail leak@example.com");
		assertThat(EventSchemas.violations(EventTypes.AILOG_CALL, JsonMapper.shared().writeValueAsBytes(invalid)))
			.as("the contract refuses it too")
			.containsExactly("$: required property 'status' not found");
		Map<String, Object> mismatched = AiLogApi.event(function, Instant.now());
		String poisonKey = "poison-" + UUID.randomUUID();
		double deadLettersBefore = deadLetters("InvalidEventException");
		try (KafkaProducer<String, byte[]> producer = producer()) {
			producer.send(cloudEvent(first, function));
			producer.send(new ProducerRecord<>(Topics.AILOG_INGEST, poisonKey,
					"not a cloud event".getBytes(StandardCharsets.UTF_8)));
			producer.send(cloudEvent(second, function));
			producer.send(record((String) invalid.get("id"), invalid, poisonKey));
			producer.send(record(UUID.randomUUID().toString(), mismatched, poisonKey));
			producer.send(cloudEvent(third, function));
			producer.send(cloudEvent(first, function));
			producer.flush();
		}
		await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(storedIds(function)).hasSize(3));

		List<ConsumerRecord<String, byte[]>> deadLetters = EventRecords.await(Topics.deadLetter(Topics.AILOG_INGEST),
				(record) -> poisonKey.equals(record.key()), 3, Duration.ofSeconds(60), Duration.ofSeconds(1));
		assertThat(deadLetters).hasSize(3);
		List<String> reasons = deadLetters.stream()
			.map((record) -> EventRecords.header(record, "kafka_dlt-exception-message"))
			.toList();
		assertThat(reasons.get(0)).contains("Not a CloudEvent");
		assertThat(reasons.get(1)).contains("status is required");
		assertThat(reasons.get(2)).contains("must equal the id of the data");
		assertThat(new String(deadLetters.get(1).value(), StandardCharsets.UTF_8)).doesNotContain("leak@example.com");
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(deadLetters("InvalidEventException")).isEqualTo(deadLettersBefore + 3));

		assertThat(storedIds(function)).containsExactlyInAnyOrder(UUID.fromString((String) first.get("id")),
				UUID.fromString((String) second.get("id")), UUID.fromString((String) third.get("id")));
		assertThat(preview(second.get("id"))).isEqualTo("Reach me at [EMAIL]");

		List<ConsumerRecord<String, byte[]>> recorded = EventRecords.distinct(EventRecords.await(Topics.AILOG_RECORDED,
				(record) -> function.equals(record.key()), 3, Duration.ofSeconds(90), Duration.ofSeconds(3)));
		assertThat(recorded).as("a recorded event for each stored call (a redelivery may announce it again)")
			.hasSize(3);
		for (ConsumerRecord<String, byte[]> record : recorded) {
			Map<String, Object> data = EventRecords.data(record);
			assertThat(EventRecords.header(record, "ce_id")).isEqualTo(data.get("id"));
			assertThat(EventRecords.header(record, "ce_type")).isEqualTo(EventTypes.AILOG_RECORDED);
			assertThat(data).doesNotContainKey("outputPreview").containsEntry("functionName", function);
			if (data.get("id").equals(second.get("id"))) {
				assertThat(data).containsEntry("priced", false).containsEntry("costUsd", null);
			}
			else {
				assertThat(data).containsEntry("priced", true);
				assertThat(((Number) data.get("costUsd")).doubleValue()).isGreaterThan(0);
			}
		}
	}

	@Test
	void anEventTheDatabaseRefusesIsDeadLetteredAndTheRestOfItsBatchIsStored() throws Exception {
		String function = "kafka-refused-" + UUID.randomUUID();
		String refusedFunction = "refused-" + UUID.randomUUID();
		// stands in for whatever valid-looking data the database may still refuse
		// (as the owner: the service's own role may not alter its tables)
		TestStack.get()
			.executeAsOwner("ailog", "alter table ai_logs add constraint refuse_for_test check (function_name <> '"
					+ refusedFunction + "')");
		try {
			Map<String, Object> before = AiLogApi.event(function, Instant.now());
			Map<String, Object> refused = AiLogApi.event(refusedFunction, Instant.now());
			Map<String, Object> after = AiLogApi.event(function, Instant.now());
			double deadLettersBefore = deadLetters(REFUSED);
			try (KafkaProducer<String, byte[]> producer = producer()) {
				// one key, one partition: the three arrive in one batch, in this order
				producer.send(cloudEvent(before, function));
				producer.send(cloudEvent(refused, function));
				producer.send(cloudEvent(after, function));
				producer.flush();
			}
			await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(storedIds(function)).hasSize(2));
			List<ConsumerRecord<String, byte[]>> deadLetters = EventRecords.await(
					Topics.deadLetter(Topics.AILOG_INGEST), (record) -> function.equals(record.key()), 1,
					Duration.ofSeconds(60), Duration.ofSeconds(1));
			assertThat(deadLetters).hasSize(1);
			assertThat(EventRecords.header(deadLetters.get(0), "ce_id")).isEqualTo(refused.get("id"));
			assertThat(EventRecords.header(deadLetters.get(0), "kafka_dlt-exception-message"))
				.contains("SQLSTATE 23514");
			assertThat(EventRecords.header(deadLetters.get(0), "kafka_dlt-exception-fqcn")).endsWith("$" + REFUSED);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(deadLetters(REFUSED)).isEqualTo(deadLettersBefore + 1));
		}
		finally {
			TestStack.get().executeAsOwner("ailog", "alter table ai_logs drop constraint refuse_for_test");
		}
	}

	@Test
	void aRedeliveredEventIsAnnouncedAgainSoThatNoCrashBetweenCommitAndPublishLosesIt() throws Exception {
		String function = "kafka-again-" + UUID.randomUUID();
		Map<String, Object> event = AiLogApi.event(function, Instant.now());
		try (KafkaProducer<String, byte[]> producer = producer()) {
			producer.send(cloudEvent(event, function)).get();
			await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(storedIds(function)).hasSize(1));
			producer.send(cloudEvent(event, function)).get();
		}
		List<ConsumerRecord<String, byte[]>> recorded = EventRecords.await(Topics.AILOG_RECORDED,
				(record) -> function.equals(record.key()), 2, Duration.ofSeconds(90), Duration.ofSeconds(1));
		assertThat(recorded).hasSize(2)
			.allSatisfy((record) -> assertThat(EventRecords.header(record, "ce_id")).isEqualTo(event.get("id")));
		assertThat(EventRecords.data(recorded.get(1))).isEqualTo(EventRecords.data(recorded.get(0)));
		assertThat(storedIds(function)).hasSize(1);
	}

	@Test
	void aBatchWhoseRecordedEventsTheBrokerRefusesStaysUncommittedUntilTheyArePublished() throws Exception {
		String function = "kafka-outage-" + UUID.randomUUID();
		Map<String, Object> event = AiLogApi.event(function, Instant.now());
		try (RecordedTopicOutage outage = new RecordedTopicOutage();
				KafkaProducer<String, byte[]> producer = producer()) {
			RecordMetadata sent = producer.send(cloudEvent(event, function)).get();
			await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> assertThat(storedIds(function)).hasSize(1));
			await().during(Duration.ofSeconds(3))
				.atMost(Duration.ofSeconds(10))
				.until(() -> outage.committedOffset(sent.partition()) <= sent.offset());
			assertThat(EventRecords.await(Topics.AILOG_RECORDED, (record) -> function.equals(record.key()), 1,
					Duration.ofSeconds(2), Duration.ZERO))
				.isEmpty();

			outage.end();
			List<ConsumerRecord<String, byte[]>> recorded = EventRecords.await(Topics.AILOG_RECORDED,
					(record) -> function.equals(record.key()), 1, Duration.ofSeconds(90), Duration.ofSeconds(1));
			assertThat(recorded).isNotEmpty()
				.allSatisfy((record) -> assertThat(EventRecords.header(record, "ce_id")).isEqualTo(event.get("id")));
			// the container may commit a batch its error handler retried with the next
			// one:
			// a next event on the same partition shows the consumer has moved past it
			producer.send(cloudEvent(AiLogApi.event(function, Instant.now()), function)).get();
			await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(storedIds(function)).hasSize(2));
			await().atMost(Duration.ofSeconds(60))
				.until(() -> outage.committedOffset(sent.partition()) > sent.offset());
		}
		assertThat(storedIds(function)).hasSize(2);
	}

	private double deadLetters(String reason) {
		Counter counter = this.meters.find(DeadLetters.METRIC)
			.tags("topic", Topics.AILOG_INGEST, "reason", reason)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private Set<UUID> storedIds(String function) {
		return Set.copyOf(this.db.sql("select id from ai_logs where function_name = :f")
			.bind("f", function)
			.map((row) -> row.get(0, UUID.class))
			.all()
			.collectList()
			.block());
	}

	private String preview(Object id) {
		return this.db.sql("select output_preview from ai_logs where id = :id")
			.bind("id", UUID.fromString((String) id))
			.map((row) -> row.get(0, String.class))
			.one()
			.block();
	}

	/** A call event that conforms to its schema, as an edge function sends it. */
	private static ProducerRecord<String, byte[]> cloudEvent(Map<String, Object> event, String key) {
		EventSchemas.assertConforms(EventTypes.AILOG_CALL, JsonMapper.shared().writeValueAsBytes(event));
		return record((String) event.get("id"), event, key);
	}

	private static ProducerRecord<String, byte[]> record(String ceId, Map<String, Object> event, String key) {
		OutgoingEvent outgoing = new OutgoingEvent(UUID.fromString(ceId), EventTypes.AILOG_CALL,
				URI.create("/edge/test"), OffsetDateTime.now(ZoneOffset.UTC), Topics.AILOG_INGEST, key,
				JsonMapper.shared().writeValueAsBytes(event));
		return CloudEventRecords.toRecord(outgoing);
	}

	private static KafkaProducer<String, byte[]> producer() {
		Properties config = new Properties();
		// as edge functions do: the one principal that may write the ingest topic
		config.putAll(TestStack.get().kafkaClientProperties(KafkaPrincipals.EDGE));
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
	}

}
