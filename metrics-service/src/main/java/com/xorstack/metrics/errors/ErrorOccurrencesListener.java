package com.xorstack.metrics.errors;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.xorstack.metrics.system.EventBatch;
import com.xorstack.platform.events.EventTypes;
import com.xorstack.platform.events.IncomingEvent;
import com.xorstack.platform.events.InvalidEventException;
import com.xorstack.platform.events.Topics;

/**
 * The error events of {@code system.metrics.v1}, in a consumer group of their own beside
 * the gauges' (which skip them, as this skips the gauges). The CloudEvent id is the row's
 * key, so a redelivery is stored once.
 */
@Component
class ErrorOccurrencesListener {

	private static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(60);

	private final ErrorOccurrences occurrences;

	private final JsonMapper json;

	private final Validator validator;

	private final Clock clock;

	ErrorOccurrencesListener(ErrorOccurrences occurrences, JsonMapper json, Validator validator, Clock clock) {
		this.occurrences = occurrences;
		this.json = json;
		this.validator = validator;
		this.clock = clock;
	}

	@KafkaListener(id = "metrics-errors", topics = Topics.SYSTEM_METRICS, batch = "true")
	void on(List<ConsumerRecord<String, byte[]>> records) {
		EventBatch<ErrorOccurred> batch = EventBatch.read(records, this::read);
		this.occurrences.store(batch.events(), this.clock.instant()).block(DATABASE_TIMEOUT);
		batch.failIfAny();
	}

	private @Nullable ErrorOccurred read(IncomingEvent event) {
		if (!EventTypes.SYSTEM_ERROR.equals(event.type())) {
			return null;
		}
		ErrorOccurred data;
		try {
			data = this.json.readValue(event.data(), ErrorOccurred.class);
		}
		catch (JacksonException ex) {
			throw new InvalidEventException("Event " + event.id() + " has invalid data: " + ex.getOriginalMessage(),
					ex);
		}
		for (ConstraintViolation<ErrorOccurred> violation : this.validator.validate(data)) {
			throw new InvalidEventException(
					"Event " + event.id() + ": " + violation.getPropertyPath() + " " + violation.getMessage());
		}
		return data;
	}

}
