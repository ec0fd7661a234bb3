package com.xorstack.platform.events;

import java.time.ZoneOffset;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.kafka.KafkaMessageFactory;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * CloudEvents 1.0 binary mode on Kafka: attributes in {@code ce_*} headers, JSON data as
 * the record value.
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
		return new IncomingEvent(event.getId(), event.getType(), event.getSource().toString(),
				(event.getTime() != null) ? event.getTime().withOffsetSameInstant(ZoneOffset.UTC) : null,
				event.getData().toBytes());
	}

}
