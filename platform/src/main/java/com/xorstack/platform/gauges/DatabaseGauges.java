package com.xorstack.platform.gauges;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import io.r2dbc.pool.PoolMetrics;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes what the {@link StatementMeter} measured on {@code system.metrics.v1}, every
 * interval, on the storage gauges' schedule (see {@link StorageGauges#every}): a run that
 * fails is logged once and the next one publishes the next interval; the interval whose
 * readings were lost is lost, as a measurement may be.
 */
final class DatabaseGauges implements SmartLifecycle {

	private final StatementMeter meter;

	private final Supplier<@Nullable PoolMetrics> pool;

	private final DatabaseReadings readings;

	private final GaugeSender sender;

	private final Clock clock;

	private final Duration interval;

	private volatile Disposable running = Flux.never().subscribe();

	private volatile boolean started;

	DatabaseGauges(StatementMeter meter, Supplier<@Nullable PoolMetrics> pool, KafkaTemplate<String, byte[]> kafka,
			Clock clock, String service, DatabaseMetricsProperties properties) {
		if (properties.interval().isNegative() || properties.interval().isZero()) {
			throw new IllegalArgumentException(
					"xorstack.database-metrics.interval must be positive: " + properties.interval());
		}
		this.meter = meter;
		this.pool = pool;
		this.readings = new DatabaseReadings(service, properties.top());
		this.sender = new GaugeSender(kafka, service);
		this.clock = clock;
		this.interval = properties.interval();
	}

	@Override
	public void start() {
		this.running = StorageGauges
			.every("Database gauges", this::publish, this.interval, this.interval, Schedulers.parallel())
			.subscribe();
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

	/** One interval's readings; answers how many were published. */
	Mono<Integer> publish() {
		return Mono
			.defer(() -> this.sender.send(this.readings.of(this.meter.drain(), this.pool.get(), this.clock.instant())));
	}

}
