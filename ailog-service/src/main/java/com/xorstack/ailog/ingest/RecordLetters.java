package com.xorstack.ailog.ingest;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.support.KafkaHeaders;
import org.springframework.stereotype.Component;

import com.xorstack.platform.events.InvalidEventException;

/**
 * Dead letters of the ingest listener that no record can keep from being made. A letter
 * forwards the record's preview redacted, and redaction runs on whatever the record
 * holds: should it throw, the letter leaves the value out rather than forward the preview
 * in clear (the reason and the CloudEvent headers still say which record it was, and the
 * raw topic keeps the record itself for a day).
 */
@Component
class RecordLetters {

	private static final Logger log = LoggerFactory.getLogger(RecordLetters.class);

	private final DeadLetterRecords deadLetters;

	RecordLetters(DeadLetterRecords deadLetters) {
		this.deadLetters = deadLetters;
	}

	ProducerRecord<String, byte[]> invalid(ConsumerRecord<String, byte[]> record, InvalidEventException reason) {
		return of(record, reason, reason.getMessage());
	}

	/**
	 * The letter, the value left out should its redaction throw, and the reason too
	 * should that also throw (the reason may quote the record, and is redacted as well).
	 */
	ProducerRecord<String, byte[]> of(ConsumerRecord<String, byte[]> record, Exception cause, String reason) {
		try {
			return this.deadLetters.of(record, cause, reason);
		}
		catch (Throwable failure) {
			leftOut("its value", record, failure);
		}
		try {
			return this.deadLetters.of(withoutValue(record), cause, reason);
		}
		catch (Throwable failure) {
			leftOut("its reason", record, failure);
		}
		return this.deadLetters.of(withoutValue(record), cause, "refused with " + cause.getClass().getName()
				+ "; value and reason left out: they could not be redacted");
	}

	/**
	 * The letter of a record that failed with {@code failure}, an {@code Error} too: its
	 * class in {@code kafka_dlt-exception-fqcn} (and so the dead-letter counter's
	 * reason), class and message in {@code kafka_dlt-exception-message}.
	 */
	ProducerRecord<String, byte[]> failed(ConsumerRecord<String, byte[]> record, Throwable failure) {
		String reason = "the ingest failed on this record: " + EventFailures.describe(failure);
		ProducerRecord<String, byte[]> letter = of(record, new InvalidEventException(reason), reason);
		// DeadLetterRecords names an Exception's class; the failure may be an Error
		letter.headers().remove(KafkaHeaders.DLT_EXCEPTION_FQCN);
		letter.headers()
			.add(KafkaHeaders.DLT_EXCEPTION_FQCN, failure.getClass().getName().getBytes(StandardCharsets.UTF_8));
		return letter;
	}

	private static ConsumerRecord<String, byte[]> withoutValue(ConsumerRecord<String, byte[]> record) {
		return new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.timestamp(),
				record.timestampType(), record.serializedKeySize(), 0, record.key(), null, record.headers(),
				record.leaderEpoch());
	}

	private static void leftOut(String what, ConsumerRecord<String, byte[]> record, Throwable failure) {
		if (EventFailures.fatal(failure)) {
			throw (Error) failure;
		}
		log.warn("Redacting the dead letter of {}-{}@{} failed, {} is left out: {}", record.topic(), record.partition(),
				record.offset(), what, EventFailures.describe(failure));
	}

}
