package com.xorstack.ailog.ingest;

import java.net.URI;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;

import com.xorstack.devstack.EventSchemas;
import com.xorstack.devstack.TestStack;
import com.xorstack.platform.events.KafkaPrincipals;
import com.xorstack.platform.events.CloudEventRecords;
import com.xorstack.platform.events.EventTypes;
import com.xorstack.platform.events.OutgoingEvent;
import com.xorstack.platform.events.Topics;

/** Records of the ingest topic and previews as the poison-input tests send them. */
final class IngestRecords {

	private IngestRecords() {
	}

	/**
	 * An answer listing 700 hourly glucose readings, 2.7 KB with single spaces between
	 * them: the kind of text a phone-number pattern with a nested repetition overflows
	 * the stack on.
	 */
	static String glucoseReadings(String separator) {
		StringBuilder text = new StringBuilder("Your hourly glucose readings (mg/dL) of the last month: ");
		Random random = new Random(42);
		for (int i = 0; i < 700; i++) {
			text.append((i > 0) ? separator : "").append(70 + random.nextInt(110));
		}
		return text.toString();
	}

	/** A call event that conforms to its schema, as an edge function sends it. */
	static ProducerRecord<String, byte[]> cloudEvent(Map<String, Object> event, String key) {
		EventSchemas.assertConforms(EventTypes.AILOG_CALL, JsonMapper.shared().writeValueAsBytes(event));
		return record((String) event.get("id"), event, key);
	}

	static ProducerRecord<String, byte[]> record(String ceId, Map<String, Object> event, String key) {
		OutgoingEvent outgoing = new OutgoingEvent(UUID.fromString(ceId), EventTypes.AILOG_CALL,
				URI.create("/edge/test"), OffsetDateTime.now(ZoneOffset.UTC), Topics.AILOG_INGEST, key,
				JsonMapper.shared().writeValueAsBytes(event));
		return CloudEventRecords.toRecord(outgoing);
	}

	static KafkaProducer<String, byte[]> producer() {
		Properties config = new Properties();
		// as edge functions do: the one principal that may write the ingest topic
		config.putAll(TestStack.get().kafkaClientProperties(KafkaPrincipals.EDGE));
		config.put(ProducerConfig.ACKS_CONFIG, "all");
		return new KafkaProducer<>(config, new StringSerializer(), new ByteArraySerializer());
	}

	static Set<UUID> storedIds(DatabaseClient db, String function) {
		return Set.copyOf(db.sql("select id from ai_logs where function_name = :f")
			.bind("f", function)
			.map((row) -> row.get(0, UUID.class))
			.all()
			.collectList()
			.block());
	}

}
