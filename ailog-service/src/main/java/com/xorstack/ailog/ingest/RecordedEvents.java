package com.xorstack.ailog.ingest;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.apache.kafka.clients.producer.ProducerRecord;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;
import org.springframework.web.ErrorResponseException;

import com.xorstack.platform.events.CloudEventRecords;
import com.xorstack.platform.events.EventTypes;
import com.xorstack.platform.events.OutgoingEvent;
import com.xorstack.platform.events.Topics;

/**
 * Publishes {@code ailog.recorded.v1} for calls whose rows are committed, instead of an
 * outbox: for every valid call of a batch, stored now or before, and before the batch is
 * acknowledged (Kafka offsets committed, REST or OTLP answered). A crash or a broker
 * failure between the commit and the acknowledgement leaves the batch unacknowledged; it
 * comes again, its calls are duplicates by then, and they are published again.
 * metrics-service counts each id once. A failure surfaces as a 503 problem with
 * {@code Retry-After}, which the Kafka listener's error handler retries as well.
 */
@Component
class RecordedEvents {

	private static final URI SOURCE = URI.create("/ailog-service");

	private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

	private static final long RETRY_AFTER_SECONDS = 5;

	private final KafkaTemplate<String, byte[]> kafka;

	private final CallJson json;

	RecordedEvents(KafkaTemplate<String, byte[]> kafka, CallJson json) {
		this.kafka = kafka;
		this.json = json;
	}

	/** Completes when the broker acknowledged every event. */
	Mono<Void> publish(List<PricedCall> calls) {
		if (calls.isEmpty()) {
			return Mono.empty();
		}
		// send() blocks while the broker's metadata is unknown or the buffer is full:
		// never on an event loop
		return Mono.fromCallable(() -> sendAll(calls))
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap(Mono::fromFuture)
			.timeout(SEND_TIMEOUT)
			.onErrorMap((ex) -> !(ex instanceof ErrorResponseException), RecordedEvents::unavailable)
			.then();
	}

	private CompletableFuture<Void> sendAll(List<PricedCall> calls) {
		OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
		CompletableFuture<?>[] sent = new CompletableFuture<?>[calls.size()];
		for (int i = 0; i < sent.length; i++) {
			sent[i] = this.kafka.send(record(calls.get(i), now));
		}
		return CompletableFuture.allOf(sent);
	}

	private ProducerRecord<String, byte[]> record(PricedCall priced, OffsetDateTime now) {
		AiLogCall call = priced.call();
		return CloudEventRecords.toRecord(new OutgoingEvent(call.id(), EventTypes.AILOG_RECORDED, SOURCE, now,
				Topics.AILOG_RECORDED, call.functionName(), this.json.recorded(priced)));
	}

	private static ErrorResponseException unavailable(Throwable cause) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The calls could not be announced on " + Topics.AILOG_RECORDED + "; send them again later"
						+ " (ids already stored count as duplicates)");
		problem.setTitle("Service Unavailable");
		ErrorResponseException unavailable = new ErrorResponseException(HttpStatus.SERVICE_UNAVAILABLE, problem, cause);
		unavailable.getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(RETRY_AFTER_SECONDS));
		return unavailable;
	}

}
