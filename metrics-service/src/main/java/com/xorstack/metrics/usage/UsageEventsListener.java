package com.xorstack.metrics.usage;

import java.util.List;

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

/** {@code usage.events.v1}: the CloudEvent id is the idempotency key. */
@Component
class UsageEventsListener {

	private final UsageRecorder recorder;

	private final JsonMapper json;

	private final Validator validator;

	UsageEventsListener(UsageRecorder recorder, JsonMapper json, Validator validator) {
		this.recorder = recorder;
		this.json = json.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
		this.validator = validator;
	}

	@KafkaListener(id = "metrics-usage-events", topics = Topics.USAGE_EVENTS, batch = "true")
	void on(List<ConsumerRecord<String, byte[]>> records) {
		EventBatch<UsageEvent> batch = EventBatch.read(records, this::read);
		this.recorder.recordBlocking(batch.events().stream().map(EventBatch.Read::data).toList(),
				batch.events().stream().map(EventBatch.Read::id).toList());
		batch.failIfAny();
	}

	private @Nullable UsageEvent read(IncomingEvent event) {
		if (!EventTypes.USAGE_EVENT.equals(event.type())) {
			return null;
		}
		UsageEvent data;
		try {
			data = this.json.readValue(event.data(), UsageEvent.class);
		}
		catch (JacksonException ex) {
			throw new InvalidEventException("Event " + event.id() + " has invalid data: " + ex.getOriginalMessage(),
					ex);
		}
		for (ConstraintViolation<UsageEvent> violation : this.validator.validate(data)) {
			throw new InvalidEventException(
					"Event " + event.id() + ": " + violation.getPropertyPath() + " " + violation.getMessage());
		}
		return data;
	}

}
