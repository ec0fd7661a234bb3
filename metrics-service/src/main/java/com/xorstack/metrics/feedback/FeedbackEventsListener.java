package com.xorstack.metrics.feedback;

import java.time.Duration;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import com.xorstack.platform.events.CloudEventRecords;
import com.xorstack.platform.events.EventTypes;
import com.xorstack.platform.events.IncomingEvent;
import com.xorstack.platform.events.InvalidEventException;
import com.xorstack.platform.events.Topics;

/**
 * Applies feedback events. The offset is committed after this method returns, which is
 * after the database commit, so a crash in between redelivers the event and its id
 * absorbs it.
 */
@Component
class FeedbackEventsListener {

	private static final Logger log = LoggerFactory.getLogger(FeedbackEventsListener.class);

	private static final Set<String> STATUSES = Set.of("pending", "reviewed", "resolved");

	private static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(30);

	private final FeedbackStateRepository states;

	private final JsonMapper json;

	FeedbackEventsListener(FeedbackStateRepository states, JsonMapper json) {
		this.states = states;
		this.json = json.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
	}

	@KafkaListener(id = "metrics-feedback-events", topics = Topics.FEEDBACK_EVENTS)
	void on(ConsumerRecord<String, byte[]> record) {
		IncomingEvent event = CloudEventRecords.fromRecord(record);
		switch (event.type()) {
			case EventTypes.FEEDBACK_SUBMITTED, EventTypes.FEEDBACK_TRIAGED -> apply(event, parse(event));
			default -> log.debug("Ignoring event type {}", event.type());
		}
	}

	private void apply(IncomingEvent event, FeedbackEvent data) {
		this.states.apply(event.id(), data).block(DATABASE_TIMEOUT);
	}

	private FeedbackEvent parse(IncomingEvent event) {
		FeedbackEvent data;
		try {
			data = this.json.readValue(event.data(), FeedbackEvent.class);
		}
		catch (JacksonException ex) {
			throw new InvalidEventException("Event " + event.id() + " has invalid data: " + ex.getOriginalMessage(),
					ex);
		}
		if (data.feedbackId() == null || data.status() == null || !STATUSES.contains(data.status())) {
			throw new InvalidEventException("Event " + event.id() + " lacks feedbackId or a valid status");
		}
		return data;
	}

}
