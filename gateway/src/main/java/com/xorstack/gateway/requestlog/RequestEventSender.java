package com.xorstack.gateway.requestlog;

import java.net.URI;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;

import com.xorstack.platform.events.CloudEventRecords;
import com.xorstack.platform.events.EventTypes;
import com.xorstack.platform.events.OutgoingEvent;
import com.xorstack.platform.events.Topics;

/**
 * Drains the buffer on its own thread and hands each batch to the producer, which sends
 * it asynchronously. Even a producer blocked on a missing broker only holds this thread,
 * while the buffer fills and drops.
 */
final class RequestEventSender implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(RequestEventSender.class);

	private static final URI SOURCE = URI.create("/xorstack/gateway");

	private final RequestEventBuffer buffer;

	private final KafkaTemplate<String, byte[]> kafka;

	private final JsonMapper json;

	private final RequestLogProperties properties;

	private @Nullable ScheduledExecutorService executor;

	RequestEventSender(RequestEventBuffer buffer, KafkaTemplate<String, byte[]> kafka, JsonMapper json,
			RequestLogProperties properties) {
		this.buffer = buffer;
		this.kafka = kafka;
		this.json = json;
		this.properties = properties;
	}

	@Override
	public synchronized void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "request-events");
			thread.setDaemon(true);
			return thread;
		});
		long interval = this.properties.flushInterval().toMillis();
		executor.scheduleWithFixedDelay(this::drain, interval, interval, TimeUnit.MILLISECONDS);
		this.executor = executor;
	}

	@Override
	public synchronized void stop() {
		if (this.executor != null) {
			this.executor.shutdownNow();
			this.executor = null;
			drain();
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.executor != null;
	}

	/**
	 * Sends what the buffer holds. The drain runs outside any request, so the
	 * OpenTelemetry agent would start a trace of its own for every event sent: one
	 * exported trace per request, which no one follows and which cost the gateway, the
	 * trace store and metrics-service (which continues it) more than the event itself.
	 * Under a parent that is not sampled the agent's producer spans are not recorded
	 * either (the default sampler follows the parent). Without the agent this does
	 * nothing.
	 */
	void drain() {
		try (Scope unsampled = Context.root().with(Span.wrap(unsampledParent())).makeCurrent()) {
			drainUntraced();
		}
	}

	private void drainUntraced() {
		List<GatewayRequestCompleted> batch;
		while (!(batch = this.buffer.drain(this.properties.batchSize())).isEmpty()) {
			for (int i = 0; i < batch.size(); i++) {
				try {
					send(batch.get(i));
				}
				catch (RuntimeException ex) {
					// the producer could not even take it (no broker metadata in
					// max.block.ms)
					this.buffer.sendFailed(batch.size() - i);
					log.debug("Dropped {} request events: {}", batch.size() - i, ex.getMessage());
					return;
				}
			}
		}
	}

	/** A valid span context, so that it counts as a parent, with the sampled flag off. */
	static SpanContext unsampledParent() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		String traceId = String.format("%016x%016x", random.nextLong() | 1, random.nextLong());
		String spanId = String.format("%016x", random.nextLong() | 1);
		return SpanContext.create(traceId, spanId, TraceFlags.getDefault(), TraceState.getDefault());
	}

	private void send(GatewayRequestCompleted event) {
		String key = (event.route() != null) ? event.route() : "none";
		OutgoingEvent outgoing = new OutgoingEvent(UUID.randomUUID(), EventTypes.GATEWAY_REQUEST_COMPLETED, SOURCE,
				event.at().atOffset(ZoneOffset.UTC), Topics.GATEWAY_REQUEST, key, this.json.writeValueAsBytes(event));
		this.kafka.send(CloudEventRecords.toRecord(outgoing)).whenComplete((result, ex) -> {
			if (ex != null) {
				this.buffer.sendFailed(1);
			}
		});
	}

}
