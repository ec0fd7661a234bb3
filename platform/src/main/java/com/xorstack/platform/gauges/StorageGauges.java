package com.xorstack.platform.gauges;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes one {@code storage.bytes} reading per table of the service's database on
 * {@code system.metrics.v1}, every interval. Straight to Kafka, not through the outbox: a
 * gauge is a measurement, not a domain event, and a reading lost to an outage is replaced
 * by the next one.
 * <p>
 * The schedule is one {@link Flux#interval} subscription, started and disposed with the
 * context like the outbox's backlog gauge, rather than a {@code @Scheduled} method: it
 * needs no {@code @EnableScheduling} in the service, and each tick builds a new run, so
 * the clock is read when the run measures. A run that fails, or outlasts the interval, is
 * cut, logged once (WARN) and given up; the subscription never sees the error, so the
 * next tick runs again. Ticks that come while a run is still going are dropped, never
 * queued.
 */
final class StorageGauges implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(StorageGauges.class);

	private static final Duration FIRST_RUN = Duration.ofSeconds(10);

	private final StorageSizes sizes;

	private final GaugeSender sender;

	private final Clock clock;

	private final String service;

	private final Duration interval;

	private volatile Disposable running = Flux.never().subscribe();

	private volatile boolean started;

	StorageGauges(StorageSizes sizes, KafkaTemplate<String, byte[]> kafka, Clock clock, String service,
			Duration interval) {
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("xorstack.storage-gauges.interval must be positive: " + interval);
		}
		this.sizes = sizes;
		this.sender = new GaugeSender(kafka, service);
		this.clock = clock;
		this.service = service;
		this.interval = interval;
	}

	@Override
	public void start() {
		Duration first = (this.interval.compareTo(FIRST_RUN) < 0) ? this.interval : FIRST_RUN;
		this.running = every(this::publish, first, this.interval, Schedulers.parallel()).subscribe();
		this.started = true;
	}

	@Override
	public void stop() {
		this.running.dispose();
		this.started = false;
	}

	@Override
	public boolean isRunning() {
		return this.started;
	}

	/**
	 * Runs {@code run} after {@code first}, then every {@code interval}; emits what each
	 * run that succeeded answered.
	 */
	static <T> Flux<T> every(Supplier<Mono<T>> run, Duration first, Duration interval, Scheduler scheduler) {
		return every("Storage gauges", run, first, interval, scheduler);
	}

	/** As above; {@code what} names the gauges in the warning of a run given up. */
	static <T> Flux<T> every(String what, Supplier<Mono<T>> run, Duration first, Duration interval,
			Scheduler scheduler) {
		// a run asks for the next tick only when it ends (prefetch 0); a tick that comes
		// before, as one may at the instant a hung run is cut, would otherwise end the
		// interval with an overflow error
		return Flux.interval(first, interval, scheduler)
			.onBackpressureDrop()
			.concatMap(
					(tick) -> run.get().timeout(interval, scheduler).onErrorResume((ex) -> skipped(what, ex, interval)),
					0);
	}

	private static <T> Mono<T> skipped(String what, Throwable failure, Duration interval) {
		log.warn("{} not published, next try in {}: {}", what, interval, failure.toString());
		return Mono.empty();
	}

	/** One run: every table measured at one instant. Answers how many were published. */
	Mono<Integer> publish() {
		return Mono.defer(() -> {
			Instant at = this.clock.instant();
			return this.sizes.measure()
				.map((size) -> GaugeReading.storage(size, this.service, at))
				.collectList()
				.flatMap(this.sender::send);
		});
	}

}
