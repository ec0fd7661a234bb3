package com.xorstack.metrics.gauge;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.xorstack.metrics.system.EventBatch;
import com.xorstack.platform.events.EventTypes;
import com.xorstack.platform.events.IncomingEvent;
import com.xorstack.platform.events.InvalidEventException;
import com.xorstack.platform.events.Topics;

/** {@code system.metrics.v1}: the CloudEvent id is the reading's key. */
@Component
class SystemMetricsListener {

	private static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(60);

	private final GaugeRepository gauges;

	private final JsonMapper json;

	private final Validator validator;

	SystemMetricsListener(GaugeRepository gauges, JsonMapper json, Validator validator) {
		this.gauges = gauges;
		this.json = json.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
		this.validator = validator;
	}

	@KafkaListener(id = "metrics-system-gauges", topics = Topics.SYSTEM_METRICS, batch = "true")
	void on(List<ConsumerRecord<String, byte[]>> records) {
		EventBatch<SystemGauge> batch = EventBatch.read(records, this::read);
		this.gauges.insert(batch.events().stream().map((read) -> Map.entry(read.id(), read.data())).toList())
			.block(DATABASE_TIMEOUT);
		batch.failIfAny();
	}

	private @Nullable SystemGauge read(IncomingEvent event) {
		if (!EventTypes.SYSTEM_GAUGE.equals(event.type())) {
			return null;
		}
		SystemGauge data;
		try {
			data = this.json.readValue(event.data(), SystemGauge.class);
		}
		catch (JacksonException ex) {
			throw new InvalidEventException("Event " + event.id() + " has invalid data: " + ex.getOriginalMessage(),
					ex);
		}
		for (ConstraintViolation<SystemGauge> violation : this.validator.validate(data)) {
			throw new InvalidEventException(
					"Event " + event.id() + ": " + violation.getPropertyPath() + " " + violation.getMessage());
		}
		if (!data.finite()) {
			throw new InvalidEventException("Event " + event.id() + ": value must be a finite number");
		}
		return data;
	}

}
