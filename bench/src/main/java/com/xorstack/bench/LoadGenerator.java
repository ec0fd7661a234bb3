package com.xorstack.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

import org.HdrHistogram.Histogram;

/**
 * A closed-loop load generator: {@code concurrency} virtual threads each send one
 * request, wait for its answer and send the next, for a fixed time. Latency is recorded
 * per request from send to the last byte of the body, in microseconds.
 */
final class LoadGenerator {

	private final HttpClient client;

	LoadGenerator() {
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.executor(Executors.newVirtualThreadPerTaskExecutor())
			.build();
	}

	/**
	 * Runs {@code requests} (given the sequence number of the request in its thread, the
	 * thread's number in the upper bits) for {@code duration}.
	 */
	Result run(String name, int concurrency, Duration duration, IntFunction<HttpRequest> requests) {
		long deadline = System.nanoTime() + duration.toNanos();
		Histogram latencies = new Histogram(60_000_000L, 3);
		Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
		List<Future<?>> workers = new ArrayList<>();
		long started = System.nanoTime();
		try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int t = 0; t < concurrency; t++) {
				int thread = t;
				workers.add(threads.submit(() -> {
					Histogram own = new Histogram(60_000_000L, 3);
					int sequence = 0;
					while (System.nanoTime() < deadline) {
						HttpRequest request = requests.apply((thread << 20) | (sequence++ & 0xFFFFF));
						long sent = System.nanoTime();
						int status;
						try {
							status = this.client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
						}
						catch (Exception ex) {
							status = -1;
						}
						own.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
						statuses.computeIfAbsent(status, (s) -> new LongAdder()).increment();
					}
					synchronized (latencies) {
						latencies.add(own);
					}
					return null;
				}));
			}
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		Map<Integer, Long> counted = new TreeMap<>();
		statuses.forEach((status, count) -> counted.put(status, count.sum()));
		return new Result(name, latencies.getTotalCount() / seconds, latencies.getValueAtPercentile(50) / 1000.0,
				latencies.getValueAtPercentile(99) / 1000.0, latencies.getTotalCount(), counted);
	}

	/**
	 * An open-loop run: requests are started at a fixed rate whatever the answers do,
	 * each on a thread of its own, and latency is counted from the moment a request was
	 * due, not from when it could be sent, so that a stall shows in the percentiles
	 * instead of slowing the load (no coordinated omission).
	 */
	Result runAtRate(String name, int perSecond, Duration duration, IntFunction<HttpRequest> requests) {
		Histogram latencies = new Histogram(60_000_000L, 3);
		Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
		long interval = 1_000_000_000L / perSecond;
		long total = duration.toSeconds() * perSecond;
		long started = System.nanoTime();
		try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < total; i++) {
				long due = started + i * interval;
				long wait = due - System.nanoTime();
				if (wait > 0) {
					LockSupport.parkNanos(wait);
				}
				HttpRequest request = requests.apply(i);
				threads.submit(() -> {
					int status;
					try {
						status = this.client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
					}
					catch (Exception ex) {
						status = -1;
					}
					long micros = Math.max(1, (System.nanoTime() - due) / 1000);
					synchronized (latencies) {
						latencies.recordValue(Math.min(micros, latencies.getHighestTrackableValue()));
					}
					statuses.computeIfAbsent(status, (s) -> new LongAdder()).increment();
				});
			}
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		Map<Integer, Long> counted = new TreeMap<>();
		statuses.forEach((status, count) -> counted.put(status, count.sum()));
		return new Result(name, latencies.getTotalCount() / seconds, latencies.getValueAtPercentile(50) / 1000.0,
				latencies.getValueAtPercentile(99) / 1000.0, latencies.getTotalCount(), counted);
	}

	/**
	 * One measured run: requests per second, latency percentiles in milliseconds and the
	 * count of each status ({@code -1}: no answer).
	 */
	record Result(String name, double perSecond, double p50Ms, double p99Ms, long requests,
			Map<Integer, Long> statuses) {

		long count(int status) {
			return this.statuses.getOrDefault(status, 0L);
		}

		@Override
		public String toString() {
			return String.format("%-8s %9.0f req/s  p50 %7.2f ms  p99 %7.2f ms  %d requests  statuses %s", this.name,
					this.perSecond, this.p50Ms, this.p99Ms, this.requests, this.statuses);
		}

	}

}
