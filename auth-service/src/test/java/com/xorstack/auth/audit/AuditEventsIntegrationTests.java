package com.xorstack.auth.audit;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.xorstack.auth.AuthTestProperties;
import com.xorstack.devstack.EventSchemas;
import com.xorstack.devstack.TestStack;
import com.xorstack.platform.events.CloudEventRecords;
import com.xorstack.platform.events.DeadLetters;
import com.xorstack.platform.events.EventTypes;
import com.xorstack.platform.events.KafkaPrincipals;
import com.xorstack.platform.events.OutgoingEvent;
import com.xorstack.platform.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Other services' privileged actions arrive on {@code audit.events.v1}: each is recorded
 * once however often it is delivered, and a bad record goes to the dead-letter topic.
 */
@SpringBootTest
class AuditEventsIntegrationTests {

	@Autowired
	DatabaseClient db;

	@Autowired
	AuditLog audit;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		AuthTestProperties.register(registry);
	}

	@Test
	void aRedeliveredEventIsRecordedOnceAndABadOneIsDeadLettered() throws Exception {
		UUID bad = UUID.randomUUID();
		String badData = "{\"action\":\"feedback.triaged\"}";
		assertThat(EventSchemas.violations(EventTypes.AUDIT_RECORDED, badData)).isNotEmpty();
		double deadLettersBefore = deadLetters();
		send(bad, badData);
		UUID good = UUID.randomUUID();
		String data = "{\"actor\":\"moderator-1\",\"action\":\"feedback.triaged\",\"target\":\"feedback/" + good
				+ "\",\"at\":\"2026-01-02T03:04:05.123456789Z\",\"details\":{\"status\":\"reviewed\"}}";
		EventSchemas.assertConforms(EventTypes.AUDIT_RECORDED, data);
		send(good, data);
		send(good, data);
		await().atMost(Duration.ofSeconds(30)).until(() -> rows(good) == 1);
		Thread.sleep(1000);
		assertThat(rows(good)).isOne();
		assertThat(this.db.sql("select source from audit_log where event_id = :id")
			.bind("id", good.toString())
			.map((row) -> row.get(0, String.class))
			.one()
			.block()).isEqualTo("/feedback-service");
		assertThat(rows(bad)).isZero();
		assertThat(deadLetterIds(bad.toString())).contains(bad.toString());
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(deadLetters()).isEqualTo(deadLettersBefore + 1));
		assertThat(this.audit.verify().block().valid()).isTrue();
	}

	@Test
	void anAuditEventFromAnyProducerButFeedbackServiceNeverReachesTheLog() throws Exception {
		UUID forged = UUID.randomUUID();
		String data = "{\"actor\":\"admin-1\",\"action\":\"roles.granted\",\"target\":\"user/x\","
				+ "\"at\":\"2025-01-02T03:04:05Z\"}";
		EventSchemas.assertConforms(EventTypes.AUDIT_RECORDED, data);
		// feedback-service's principal may write the topic, but not in another's name
		send(forged, data, "/ailog-service", KafkaPrincipals.FEEDBACK);
		assertThat(deadLetterIds(forged.toString())).contains(forged.toString());
		assertThat(rows(forged)).isZero();
	}

	@Test
	void noOtherPrincipalMayWriteTheAuditTopic() throws Exception {
		String data = "{\"actor\":\"admin-1\",\"action\":\"roles.granted\",\"target\":\"user/x\","
				+ "\"at\":\"2025-01-02T03:04:05Z\"}";
		List<UUID> refused = new ArrayList<>();
		for (String principal : KafkaPrincipals.ALL) {
			if (!principal.equals(KafkaPrincipals.FEEDBACK)) {
				UUID id = UUID.randomUUID();
				refused.add(id);
				assertThatExceptionOfType(ExecutionException.class)
					.isThrownBy(() -> send(id, data, "/feedback-service", principal))
					.withCauseInstanceOf(TopicAuthorizationException.class);
			}
		}
		UUID allowed = UUID.randomUUID();
		send(allowed, data.replace("user/x", "user/" + allowed), "/feedback-service", KafkaPrincipals.FEEDBACK);
		await().atMost(Duration.ofSeconds(30)).until(() -> rows(allowed) == 1);
		assertThat(refused).allSatisfy((id) -> assertThat(rows(id)).isZero());
	}

	private void send(UUID id, String data) throws Exception {
		send(id, data, "/feedback-service", KafkaPrincipals.FEEDBACK);
	}

	private void send(UUID id, String data, String source, String principal) throws Exception {
		OutgoingEvent event = new OutgoingEvent(id, EventTypes.AUDIT_RECORDED, URI.create(source),
				OffsetDateTime.now(ZoneOffset.UTC), Topics.AUDIT_EVENTS, "feedback/x",
				data.getBytes(StandardCharsets.UTF_8));
		Map<String, Object> config = new HashMap<>(TestStack.get().kafkaClientProperties(principal));
		config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
		try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
				new ByteArraySerializer())) {
			producer.send(CloudEventRecords.toRecord(event)).get(30, TimeUnit.SECONDS);
		}
	}

	private double deadLetters() {
		Counter counter = this.meters.find(DeadLetters.METRIC)
			.tags("topic", Topics.AUDIT_EVENTS, "reason", "InvalidEventException")
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	private long rows(UUID eventId) {
		return this.db.sql("select count(*) from audit_log where event_id = :id")
			.bind("id", eventId.toString())
			.map((row) -> row.get(0, Long.class))
			.one()
			.block();
	}

	private List<String> deadLetterIds(String expected) {
		Map<String, Object> config = new HashMap<>(TestStack.get().kafkaAdminProperties());
		config.put(ConsumerConfig.GROUP_ID_CONFIG, "dlt-" + UUID.randomUUID());
		config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			consumer.subscribe(List.of(Topics.deadLetter(Topics.AUDIT_EVENTS)));
			List<String> ids = new ArrayList<>();
			long until = System.currentTimeMillis() + 30_000;
			while (System.currentTimeMillis() < until && !ids.contains(expected)) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					ids.add(new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8));
				}
			}
			return ids;
		}
	}

}
