package com.xorstack.platform.gauges;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
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
import org.springframework.kafka.support.ProducerListener;

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

	private final KafkaTemplate<String, byte[]> kafka;

	private final Clock clock;

	private final String service;

	private final Duration interval;

	private volatile Disposable running = Flux.never().subscribe();

	private volatile boolean started;

	/**
	 * Sends through a template of its own over the service's producer factory (the same
	 * producer and settings) that does not log each failed record: the run logs once.
	 */
	StorageGauges(StorageSizes sizes, KafkaTemplate<String, byte[]> kafka, Clock clock, String service,
			Duration interval) {
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("xorstack.storage-gauges.interval must be positive: " + interval);
		}
		this.sizes = sizes;
		this.kafka = new KafkaTemplate<>(kafka.getProducerFactory());
		this.kafka.setProducerListener(new ProducerListener<>() {
		});
		this.kafka.setMicrometerEnabled(false);
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
		// a run asks for the next tick only when it ends (prefetch 0); a tick that comes
		// before, as one may at the instant a hung run is cut, would otherwise end the
		// interval with an overflow error
		return Flux.interval(first, interval, scheduler)
			.onBackpressureDrop()
			.concatMap((tick) -> run.get().timeout(interval, scheduler).onErrorResume((ex) -> skipped(ex, interval)),
					0);
	}

	private static <T> Mono<T> skipped(Throwable failure, Duration interval) {
		log.warn("Storage gauges not published, next try in {}: {}", interval, failure.toString());
		return Mono.empty();
	}

	/** One run: every table measured at one instant. Answers how many were published. */
	Mono<Integer> publish() {
		return Mono.defer(() -> {
			Instant at = this.clock.instant();
			return this.sizes.measure()
				.map((size) -> GaugeReading.storage(size, this.service, at))
				.collectList()
				.flatMap(this::send);
		});
	}

	/**
	 * All readings at once, then their acknowledgements. {@code send} blocks while the
	 * broker's metadata is unknown: kept off the event loop.
	 */
	private Mono<Integer> send(List<GaugeReading> readings) {
		URI source = URI.create("/" + this.service);
		return Mono
			.fromCallable(() -> readings.stream().map((reading) -> this.kafka.send(reading.toRecord(source))).toList())
			.subscribeOn(Schedulers.boundedElastic())
			.flatMap((sends) -> Mono.fromFuture(CompletableFuture.allOf(sends.toArray(CompletableFuture[]::new))))
			.thenReturn(readings.size());
	}

}
