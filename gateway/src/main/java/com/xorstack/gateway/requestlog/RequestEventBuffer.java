package com.xorstack.gateway.requestlog;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Where request events wait for Kafka. Adding never blocks: when the buffer is full the
 * event is dropped and counted, so a Kafka outage shows on a dashboard, not in latency.
 */
final class RequestEventBuffer {

	static final String DROPPED = "xorstack.gateway.request.events.dropped";

	private final BlockingQueue<GatewayRequestCompleted> queue;

	private final Counter bufferFull;

	private final Counter sendFailed;

	RequestEventBuffer(int capacity, MeterRegistry meters) {
		this.queue = new ArrayBlockingQueue<>(capacity);
		this.bufferFull = dropped(meters, "buffer-full");
		this.sendFailed = dropped(meters, "send-failed");
	}

	private static Counter dropped(MeterRegistry meters, String reason) {
		return Counter.builder(DROPPED)
			.description("gateway.request.v1 events that were never sent")
			.tag("reason", reason)
			.register(meters);
	}

	void add(GatewayRequestCompleted event) {
		if (!this.queue.offer(event)) {
			this.bufferFull.increment();
		}
	}

	List<GatewayRequestCompleted> drain(int max) {
		List<GatewayRequestCompleted> batch = new ArrayList<>(Math.min(max, this.queue.size()));
		this.queue.drainTo(batch, max);
		return batch;
	}

	boolean isEmpty() {
		return this.queue.isEmpty();
	}

	void sendFailed(int events) {
		this.sendFailed.increment(events);
	}

}
