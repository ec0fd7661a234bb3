package com.xorstack.ailog.ingest;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.r2dbc.spi.R2dbcException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.jspecify.annotations.Nullable;
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
 */
@Component
class IngestListener {

	private static final Logger log = LoggerFactory.getLogger(IngestListener.class);

	private static final Duration STORE_TIMEOUT = Duration.ofMinutes(2);

	private final CallValidator validator;

	private final IngestService ingest;

	private final DeadLetterRecords deadLetters;

	private final KafkaTemplate<String, byte[]> kafka;

	private final JsonMapper json;

	IngestListener(CallValidator validator, IngestService ingest, DeadLetterRecords deadLetters,
			KafkaTemplate<String, byte[]> kafka, JsonMapper json) {
		this.validator = validator;
		this.ingest = ingest;
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
				deadLetters.add(this.deadLetters.of(record, ex));
			}
		}
		int stored = store(calls, deadLetters);
		CompletableFuture<?>[] sent = deadLetters.stream().map(this.kafka::send).toArray(CompletableFuture[]::new);
		CompletableFuture.allOf(sent).get(60, TimeUnit.SECONDS);
		this.deadLetters.acknowledged(deadLetters);
		if (!deadLetters.isEmpty() || stored < calls.size()) {
			log.info("Ingested a batch of {}: {} stored, {} duplicates, {} to the dead-letter topic", records.size(),
					stored, calls.size() - stored, deadLetters.size());
		}
	}

	/**
	 * Stores the batch in one statement. Should the database refuse its data (SQLSTATE
	 * class 22 or 23) although every event passed validation, the calls are stored one by
	 * one and the ones it refuses are dead-lettered, so that one bad record never stalls
	 * the partition. Any other failure propagates and the batch is retried.
	 */
	private int store(Map<AiLogCall, ConsumerRecord<String, byte[]>> calls,
			List<ProducerRecord<String, byte[]>> deadLetters) {
		try {
			return storedCount(List.copyOf(calls.keySet()));
		}
		catch (RuntimeException ex) {
			if (dataError(ex) == null) {
				throw ex;
			}
		}
		int stored = 0;
		for (Map.Entry<AiLogCall, ConsumerRecord<String, byte[]>> call : calls.entrySet()) {
			try {
				stored += storedCount(List.of(call.getKey()));
			}
			catch (RuntimeException ex) {
				R2dbcException refused = dataError(ex);
				if (refused == null) {
					throw ex;
				}
				deadLetters
					.add(this.deadLetters.of(call.getValue(), refused, "the database refused the event (SQLSTATE "
							+ refused.getSqlState() + "): " + refused.getMessage()));
			}
		}
		return stored;
	}

	private int storedCount(List<AiLogCall> calls) {
		IngestOutcome outcome = this.ingest.store(calls).block(STORE_TIMEOUT);
		return (outcome != null) ? outcome.stored().size() : 0;
	}

	private static @Nullable R2dbcException dataError(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof R2dbcException r2dbc && r2dbc.getSqlState() != null
					&& (r2dbc.getSqlState().startsWith("22") || r2dbc.getSqlState().startsWith("23"))) {
				return r2dbc;
			}
		}
		return null;
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
