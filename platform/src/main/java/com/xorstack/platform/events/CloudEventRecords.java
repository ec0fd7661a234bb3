package com.xorstack.platform.events;

import java.time.ZoneOffset;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * CloudEvents 1.0 binary mode on Kafka: attributes in {@code ce_*} headers, JSON data as
 * the record value. A record read from a topic of {@link TopicAccess} must carry the
 * {@code ce_source} of one of the topic's producers.
 */
public final class CloudEventRecords {

	private static final String JSON = "application/json";

	private CloudEventRecords() {
	}

	public static ProducerRecord<String, byte[]> toRecord(OutgoingEvent event) {
		CloudEvent cloudEvent = CloudEventBuilder.v1()
			.withId(event.id().toString())
			.withType(event.type())
			.withSource(event.source())
			.withTime(event.time())
			.withDataContentType(JSON)
			.withData(event.data())
			.build();
		return KafkaMessageFactory.createWriter(event.topic(), event.key()).writeBinary(cloudEvent);
	}

	public static IncomingEvent fromRecord(ConsumerRecord<?, byte[]> record) {
		CloudEvent event;
		try {
			event = KafkaMessageFactory.createReader(record.headers(), record.value()).toEvent();
		}
		catch (RuntimeException ex) {
			throw new InvalidEventException("Not a CloudEvent in binary mode: " + ex.getMessage(), ex);
		}
		if (event.getData() == null) {
			throw new InvalidEventException("CloudEvent " + event.getId() + " has no data");
		}
		String source = event.getSource().toString();
		TopicAccess access = TopicAccess.of(record.topic()).orElse(null);
		if (access != null && !access.acceptsSource(source)) {
			// the broker's ACLs decide who writes; a record that claims another producer
			// is
			// a forgery or a misrouted event, and either way not this topic's
			throw new InvalidEventException("CloudEvent " + event.getId() + " on " + record.topic() + " comes from "
					+ source + ", which does not write that topic");
		}
		return new IncomingEvent(event.getId(), event.getType(), source,
				(event.getTime() != null) ? event.getTime().withOffsetSameInstant(ZoneOffset.UTC) : null,
				event.getData().toBytes());
	}

}
