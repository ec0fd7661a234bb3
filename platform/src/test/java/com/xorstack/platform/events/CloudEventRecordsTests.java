package com.xorstack.platform.events;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class CloudEventRecordsTests {

	@Test
	void eventTravelsInBinaryModeWithCeHeaders() {
		UUID id = UUID.randomUUID();
		OffsetDateTime time = OffsetDateTime.of(2026, 11, 25, 10, 0, 0, 0, ZoneOffset.UTC);
		OutgoingEvent event = new OutgoingEvent(id, EventTypes.FEEDBACK_SUBMITTED, URI.create("/feedback-service"),
				time, Topics.FEEDBACK_EVENTS, "key-1", "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
		ProducerRecord<String, byte[]> record = CloudEventRecords.toRecord(event);
		assertThat(record.topic()).isEqualTo("feedback.events.v1");
		assertThat(record.key()).isEqualTo("key-1");
		assertThat(header(record.headers().lastHeader("ce_id").value())).isEqualTo(id.toString());
		assertThat(header(record.headers().lastHeader("ce_type").value()))
			.isEqualTo("com.xorstack.feedback.submitted.v1");
		assertThat(header(record.headers().lastHeader("content-type").value())).isEqualTo("application/json");
		assertThat(new String(record.value(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");

		IncomingEvent read = CloudEventRecords.fromRecord(consumed(record.headers(), record.value()));
		assertThat(read.id()).isEqualTo(id.toString());
		assertThat(read.type()).isEqualTo(EventTypes.FEEDBACK_SUBMITTED);
		assertThat(read.source()).isEqualTo("/feedback-service");
		assertThat(read.time()).isEqualTo(time);
		assertThat(new String(read.data(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
	}

	@Test
	void recordWithoutCloudEventHeadersIsInvalid() {
		assertThatExceptionOfType(InvalidEventException.class)
			.isThrownBy(() -> CloudEventRecords.fromRecord(consumed(new RecordHeaders(), "{}".getBytes())));
	}

	@Test
	void anEventInTheNameOfAServiceThatDoesNotWriteTheTopicIsInvalid() {
		assertThat(readFrom(Topics.FEEDBACK_EVENTS, "/feedback-service").source()).isEqualTo("/feedback-service");
		assertThatExceptionOfType(InvalidEventException.class)
			.isThrownBy(() -> readFrom(Topics.FEEDBACK_EVENTS, "/edge/summarize"))
			.withMessageContaining("comes from /edge/summarize");
		assertThatExceptionOfType(InvalidEventException.class)
			.isThrownBy(() -> readFrom(Topics.AUDIT_EVENTS, "/auth-service"));
		assertThatExceptionOfType(InvalidEventException.class)
			.isThrownBy(() -> readFrom(Topics.GATEWAY_REQUEST, "/metrics-service"));
	}

	@Test
	void edgeFunctionsNameThemselvesButNoServiceThatDoesNotWriteTheTopic() {
		assertThat(readFrom(Topics.AILOG_INGEST, "/edge/summarize").source()).isEqualTo("/edge/summarize");
		assertThat(readFrom(Topics.SYSTEM_METRICS, "/ailog-service").source()).isEqualTo("/ailog-service");
		assertThat(readFrom(Topics.SYSTEM_METRICS, "https://app.example/backend").source())
			.isEqualTo("https://app.example/backend");
		for (String service : new String[] { "/ailog-service", "/feedback-service", "/xorstack/gateway" }) {
			assertThatExceptionOfType(InvalidEventException.class)
				.isThrownBy(() -> readFrom(Topics.AILOG_INGEST, service));
		}
		// the gateway writes its unhandled errors to system.metrics.v1, not usage events
		assertThat(readFrom(Topics.SYSTEM_METRICS, "/xorstack/gateway").source()).isEqualTo("/xorstack/gateway");
		assertThatExceptionOfType(InvalidEventException.class)
			.isThrownBy(() -> readFrom(Topics.USAGE_EVENTS, "/xorstack/gateway"));
	}

	@Test
	void aTopicOutsideTheTableTakesAnySource() {
		assertThat(readFrom("t", "/anyone").source()).isEqualTo("/anyone");
	}

	@Test
	void schemaOfEachTypeIsOnTheClasspath() {
		for (String type : new String[] { EventTypes.FEEDBACK_SUBMITTED, EventTypes.FEEDBACK_TRIAGED,
				EventTypes.ALERT_STATE_CHANGED }) {
			assertThat(getClass().getClassLoader().getResource(EventTypes.schemaLocation(type))).as(type).isNotNull();
		}
	}

	private static IncomingEvent readFrom(String topic, String source) {
		OutgoingEvent event = new OutgoingEvent(UUID.randomUUID(), EventTypes.FEEDBACK_SUBMITTED, URI.create(source),
				OffsetDateTime.now(ZoneOffset.UTC), topic, "k", "{}".getBytes(StandardCharsets.UTF_8));
		ProducerRecord<String, byte[]> record = CloudEventRecords.toRecord(event);
		return CloudEventRecords.fromRecord(consumed(topic, record.headers(), record.value()));
	}

	private static ConsumerRecord<String, byte[]> consumed(Headers headers, byte[] value) {
		return consumed("t", headers, value);
	}

	private static ConsumerRecord<String, byte[]> consumed(String topic, Headers headers, byte[] value) {
		return new ConsumerRecord<>(topic, 0, 0, 0, TimestampType.CREATE_TIME, 0, value.length, "k", value,
				new RecordHeaders(headers.toArray()), Optional.empty());
	}

	private static String header(byte[] value) {
		return new String(value, StandardCharsets.UTF_8);
	}

}
