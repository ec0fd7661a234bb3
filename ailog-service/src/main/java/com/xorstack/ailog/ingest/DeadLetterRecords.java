package com.xorstack.ailog.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;

import com.xorstack.platform.events.DeadLetters;
import com.xorstack.platform.events.InvalidEventException;
import com.xorstack.platform.events.Topics;

/**
 * Dead-letter records of the ingest topic, with the headers Spring Kafka's own
 * dead-letter recoverer writes, so that tools reading either find the reason in the same
 * place, counted on the same {@link DeadLetters#METRIC} once the broker acknowledged
 * them.
 */
@Component
class DeadLetterRecords {

	private final Redactor redactor;

	private final JsonMapper json;

	private final MeterRegistry registry;

	DeadLetterRecords(Redactor redactor, JsonMapper json, MeterRegistry registry) {
		this.redactor = redactor;
		this.json = json;
		this.registry = registry;
	}

	/**
	 * The record as it came, with the reason and its origin in Spring Kafka's dead-letter
	 * headers; a preview that would be stored redacted is not forwarded in clear either.
	 */
	ProducerRecord<String, byte[]> of(ConsumerRecord<String, byte[]> record, InvalidEventException reason) {
		return of(record, reason, reason.getMessage());
	}

	/**
	 * The same, for a record refused by {@code cause} (its class is the
	 * {@code kafka_dlt-exception-fqcn} header and the counter's reason), with
	 * {@code reason} as the message.
	 */
	ProducerRecord<String, byte[]> of(ConsumerRecord<String, byte[]> record, Exception cause, String reason) {
		ProducerRecord<String, byte[]> letter = new ProducerRecord<>(Topics.deadLetter(record.topic()), null,
				record.key(), redactedValue(record.value()), record.headers());
		Headers headers = letter.headers();
		headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE, reason.getBytes(StandardCharsets.UTF_8));
		headers.add(KafkaHeaders.DLT_EXCEPTION_FQCN, cause.getClass().getName().getBytes(StandardCharsets.UTF_8));
		headers.add(KafkaHeaders.DLT_ORIGINAL_TOPIC, record.topic().getBytes(StandardCharsets.UTF_8));
		headers.add(KafkaHeaders.DLT_ORIGINAL_PARTITION, bytes(record.partition()));
		headers.add(KafkaHeaders.DLT_ORIGINAL_OFFSET, bytes(record.offset()));
		return letter;
	}

	/**
	 * Counts letters of {@link #of}, to be called once the broker acknowledged every one
	 * of them (a failed send throws before, and the batch is retried and counted then).
	 * The reason is the simple name of the class in the {@code kafka_dlt-exception-fqcn}
	 * header, as {@link DeadLetters#reason} gives it.
	 */
	void acknowledged(List<ProducerRecord<String, byte[]>> letters) {
		for (ProducerRecord<String, byte[]> letter : letters) {
			String fqcn = text(letter, KafkaHeaders.DLT_EXCEPTION_FQCN);
			String reason = fqcn.substring(Math.max(fqcn.lastIndexOf('.'), fqcn.lastIndexOf('$')) + 1);
			DeadLetters.count(this.registry, text(letter, KafkaHeaders.DLT_ORIGINAL_TOPIC), reason);
		}
	}

	private static String text(ProducerRecord<String, byte[]> letter, String header) {
		return new String(letter.headers().lastHeader(header).value(), StandardCharsets.UTF_8);
	}

	private byte[] redactedValue(byte[] value) {
		if (value == null) {
			return null;
		}
		try {
			JsonNode node = this.json.readTree(value);
			if (node instanceof ObjectNode object && object.has("outputPreview")
					&& object.get("outputPreview").isString()) {
				object.put("outputPreview", this.redactor.redact(object.get("outputPreview").stringValue()));
				return this.json.writeValueAsBytes(object);
			}
		}
		catch (JacksonException ex) {
			// not JSON: nothing of ours to redact
		}
		return value;
	}

	private static byte[] bytes(int value) {
		return ByteBuffer.allocate(Integer.BYTES).putInt(value).array();
	}

	private static byte[] bytes(long value) {
		return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
	}

}
