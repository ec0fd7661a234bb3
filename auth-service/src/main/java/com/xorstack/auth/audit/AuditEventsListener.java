package com.xorstack.auth.audit;

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
 * Records the privileged actions other services report. The offset is committed after
 * this method returns, which is after the database commit; a redelivery is recognised by
 * its {@code ce_id} and recorded once. A record that is not a valid audit event, or that
 * comes from a source other than the services allowed to report privileged actions
 * ({@code xorstack.audit.producers}), goes to the dead-letter topic.
 */
@Component
class AuditEventsListener {

	private static final Logger log = LoggerFactory.getLogger(AuditEventsListener.class);

	private static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(30);

	private final AuditLog audit;

	private final JsonMapper json;

	private final Set<String> producers;

	AuditEventsListener(AuditLog audit, JsonMapper json, AuditProperties properties) {
		this.audit = audit;
		this.producers = Set.copyOf(properties.producers());
		this.json = json.rebuild().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
	}

	@KafkaListener(id = "auth-audit-events", topics = Topics.AUDIT_EVENTS)
	void on(ConsumerRecord<String, byte[]> record) {
		IncomingEvent event = CloudEventRecords.fromRecord(record);
		if (!EventTypes.AUDIT_RECORDED.equals(event.type())) {
			log.debug("Ignoring event type {}", event.type());
			return;
		}
		if (!this.producers.contains(event.source())) {
			throw new InvalidEventException("Event " + event.id() + " comes from " + event.source()
					+ ", which may not report privileged actions (xorstack.audit.producers: " + this.producers + ")");
		}
		this.audit.recordEvent(event.id(), event.source(), parse(event)).block(DATABASE_TIMEOUT);
	}

	private AuditRecorded parse(IncomingEvent event) {
		AuditRecorded data;
		try {
			data = this.json.readValue(event.data(), AuditRecorded.class);
		}
		catch (JacksonException ex) {
			throw new InvalidEventException("Event " + event.id() + " has invalid data: " + ex.getOriginalMessage(),
					ex);
		}
		if (!data.complete()) {
			throw new InvalidEventException("Event " + event.id() + " lacks actor, action, target or at");
		}
		return data;
	}

}
