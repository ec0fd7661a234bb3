package com.xorstack.ailog.ingest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

import com.xorstack.ailog.privacy.Redactor;
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

	/** Fields that hold ids and codes: cleared of personal identifiers, codes kept. */
	private static final Set<String> CODES = Set.of("id", "occurredAt", "functionName", "operation", "provider",
			"requestModel", "responseModel", "inputHash", "status", "userId", "sessionId", "conversationId", "traceId",
			"spanId");

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
	 * headers; what would be stored redacted is not forwarded in clear either.
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
		headers.add(KafkaHeaders.DLT_EXCEPTION_MESSAGE,
				String.valueOf(this.redactor.id(reason)).getBytes(StandardCharsets.UTF_8));
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

	/**
	 * The record's value as it may be forwarded: an event's output preview, attributes
	 * and free text redacted as they would be stored, its ids and codes cleared of
	 * personal identifiers; a value that is no JSON object redacted as text.
	 */
	private byte[] redactedValue(byte[] value) {
		if (value == null) {
			return null;
		}
		try {
			JsonNode node = this.json.readTree(value);
			if (node instanceof ObjectNode event) {
				return this.json.writeValueAsBytes(redacted(event));
			}
		}
		catch (JacksonException ex) {
			// not JSON: redacted as text below
		}
		return this.redactor.text(new String(value, StandardCharsets.UTF_8), Redactor.MAX_INPUT)
			.getBytes(StandardCharsets.UTF_8);
	}

	private ObjectNode redacted(ObjectNode event) {
		ObjectNode copy = this.json.createObjectNode();
		for (Map.Entry<String, JsonNode> field : event.properties()) {
			String name = field.getKey();
			JsonNode value = field.getValue();
			if (name.equals("attributes") && value.isObject()) {
				copy.set(name, this.json.valueToTree(this.redactor.attributes(strings(value))));
			}
			else if (value.isString()) {
				String text = value.stringValue();
				copy.put(name, name.equals("outputPreview") ? this.redactor.preview(text)
						: CODES.contains(name) ? this.redactor.id(text) : this.redactor.text(text, Redactor.MAX_INPUT));
			}
			else if (value.isContainer()) {
				copy.put(name, this.redactor.text(value.toString(), Redactor.MAX_INPUT));
			}
			else {
				copy.set(name, value);
			}
		}
		return copy;
	}

	private static Map<String, String> strings(JsonNode object) {
		Map<String, String> strings = new LinkedHashMap<>();
		object.properties().forEach((entry) -> strings.put(entry.getKey(), entry.getValue().asString()));
		return strings;
	}

	private static byte[] bytes(int value) {
		return ByteBuffer.allocate(Integer.BYTES).putInt(value).array();
	}

	private static byte[] bytes(long value) {
		return ByteBuffer.allocate(Long.BYTES).putLong(value).array();
	}

}
