package com.xorstack.platform.errors;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import com.xorstack.platform.events.EventTypes;
import com.xorstack.platform.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorOccurrenceTests {

	@Test
	void anErrorIsAnEventOfItsClassRouteAndTraceWithoutItsMessage() {
		Instant at = Instant.parse("2026-12-07T10:00:00.5Z");
		UnhandledError error = new UnhandledError(new IllegalStateException("alice@example.com exists"),
				"feedback-service", "/api/feedback/{id}", "PATCH", 500, "4bf92f3577b34da6a3ce929d0e0e4736",
				"00f067aa0ba902b7", at);
		ErrorOccurrence occurrence = ErrorOccurrence.of(error);

		ProducerRecord<String, byte[]> record = occurrence.toRecord();

		assertThat(record.topic()).isEqualTo(Topics.SYSTEM_METRICS);
		assertThat(record.key()).isEqualTo("feedback-service");
		assertThat(header(record, "ce_type")).isEqualTo(EventTypes.SYSTEM_ERROR);
		assertThat(header(record, "ce_source")).isEqualTo("/feedback-service");
		assertThat(header(record, "ce_id")).isEqualTo(occurrence.id().toString());
		assertThat(new String(record.value(), StandardCharsets.UTF_8)).doesNotContain("alice");
		Map<String, Object> data = JsonMapper.shared().readValue(record.value(), new TypeReference<>() {
		});
		assertThat(data)
			.containsOnlyKeys("id", "service", "route", "method", "status", "exceptionType", "traceId", "at")
			.containsEntry("route", "/api/feedback/{id}")
			.containsEntry("status", 500)
			.containsEntry("exceptionType", "java.lang.IllegalStateException")
			.containsEntry("traceId", "4bf92f3577b34da6a3ce929d0e0e4736")
			.containsEntry("at", "2026-12-07T10:00:00.500Z");
	}

	@Test
	void theGatewayPublishesUnderItsOwnSource() {
		assertThat(ErrorOccurrence.source("gateway")).isEqualTo("/xorstack/gateway");
		assertThat(ErrorOccurrence.source("metrics-service")).isEqualTo("/metrics-service");
	}

	private static String header(ProducerRecord<?, ?> record, String name) {
		return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
	}

}
