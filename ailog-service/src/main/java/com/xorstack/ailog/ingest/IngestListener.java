package com.xorstack.ailog.ingest;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import com.xorstack.platform.events.CloudEventRecords;
import com.xorstack.platform.events.EventTypes;
import com.xorstack.platform.events.IncomingEvent;
import com.xorstack.platform.events.InvalidEventException;
import com.xorstack.platform.events.Topics;
import com.xorstack.platform.tracing.TraceContexts;

/**
 * Consumes {@code ailog.ingest.v1} a batch at a time. Valid events are stored in one
 * statement and announced on {@code ailog.recorded.v1}; invalid ones go to
 * {@code ailog.ingest.v1.dlt} with the reason in the {@code kafka_dlt-exception-message}
 * header (their output preview redacted first). The listener returns only after all of
 * that was acknowledged, and the container commits the batch's offsets only then: a crash
 * before redelivers the batch, the ids absorb it in storage, and its recorded events are
 * published again (metrics-service counts each id once). A database or broker failure
 * throws, and the batch is retried with backoff until it succeeds.
 * <p>
 * No record may make it throw an {@code Error}: the container hands only exceptions to
 * its error handler and stops the consumer on an {@code Error}, which would leave the
 * partition unread until a restart, and the restart would read the same record again. A
 * record that makes parsing or validation throw anything is dead-lettered with it (see
 * {@link EventFailures#fatal} for the JVM's own errors, which are passed on).
 */
@Component
class IngestListener {

	private static final Logger log = LoggerFactory.getLogger(IngestListener.class);

	private final CallValidator validator;

	private final BatchStore store;

	private final RecordLetters letters;

	private final DeadLetterRecords deadLetters;

	private final KafkaTemplate<String, byte[]> kafka;

	private final JsonMapper json;

	IngestListener(CallValidator validator, BatchStore store, RecordLetters letters, DeadLetterRecords deadLetters,
			KafkaTemplate<String, byte[]> kafka, JsonMapper json) {
		this.validator = validator;
		this.store = store;
		this.letters = letters;
		this.deadLetters = deadLetters;
		this.kafka = kafka;
		this.json = json;
	}

	@KafkaListener(id = "ailog-ingest", topics = Topics.AILOG_INGEST, containerFactory = "ingestListenerFactory",
			autoStartup = "${xorstack.ailog.ingest.kafka-enabled:true}")
	void on(List<ConsumerRecord<String, byte[]>> records) throws Exception {
		Map<AiLogCall, ConsumerRecord<String, byte[]>> calls = new LinkedHashMap<>();
		List<ProducerRecord<String, byte[]>> deadLetters = new ArrayList<>();
		for (ConsumerRecord<String, byte[]> record : records) {
			try {
				calls.put(parse(record), record);
			}
			catch (InvalidEventException ex) {
				deadLetters.add(this.letters.invalid(record, ex));
			}
			catch (Throwable failure) {
				if (EventFailures.fatal(failure)) {
					throw failure;
				}
				log.warn("Reading {}-{}@{} failed, it is dead-lettered: {}", record.topic(), record.partition(),
						record.offset(), EventFailures.describe(failure));
				deadLetters.add(this.letters.failed(record, failure));
			}
		}
		int stored = this.store.store(calls, deadLetters);
		CompletableFuture<?>[] sent = deadLetters.stream().map(this.kafka::send).toArray(CompletableFuture[]::new);
		CompletableFuture.allOf(sent).get(60, TimeUnit.SECONDS);
		this.deadLetters.acknowledged(deadLetters);
		if (!deadLetters.isEmpty() || stored < calls.size()) {
			log.info("Ingested a batch of {}: {} stored, {} duplicates, {} to the dead-letter topic", records.size(),
					stored, calls.size() - stored, deadLetters.size());
		}
	}

	private AiLogCall parse(ConsumerRecord<String, byte[]> record) {
		IncomingEvent event = CloudEventRecords.fromRecord(record);
		if (!EventTypes.AILOG_CALL.equals(event.type())) {
			throw new InvalidEventException("ce_type must be " + EventTypes.AILOG_CALL + ", not " + event.type());
		}
		JsonNode data;
		try {
			data = this.json.readTree(event.data());
		}
		catch (JacksonException ex) {
			throw new InvalidEventException("data is not valid JSON: " + ex.getOriginalMessage());
		}
		Validated validated = this.validator.validate(data);
		if (!validated.isValid()) {
			throw new InvalidEventException(validated.reason());
		}
		AiLogCall call = validated.call();
		if (!call.id().toString().equals(event.id())) {
			throw new InvalidEventException("ce_id " + event.id() + " must equal the id of the data, " + call.id());
		}
		Header traceparent = record.headers().lastHeader(TraceContexts.TRACEPARENT);
		return call.inTrace((traceparent != null) ? new String(traceparent.value(), StandardCharsets.UTF_8) : null);
	}

}
