package com.xorstack.platform.outbox;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.context.SmartLifecycle;
import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The {@code xorstack.outbox.pending} gauge: rows committed but not yet sent. It grows
 * while Kafka is unreachable and the relay backs off, which is exactly when the relay's
 * own loop cannot tell, so it is counted apart on a timer.
 */
final class OutboxBacklog implements SmartLifecycle {

	static final String GAUGE = "xorstack.outbox.pending";

	private static final Logger log = LoggerFactory.getLogger(OutboxBacklog.class);

	private final DatabaseClient db;

	private final Duration interval;

	private final AtomicLong pending = new AtomicLong();

	private volatile Disposable running = Flux.never().subscribe();

	private volatile boolean started;

	OutboxBacklog(DatabaseClient db, MeterRegistry registry, Duration interval) {
		this.db = db;
		this.interval = interval;
		Gauge.builder(GAUGE, this.pending, AtomicLong::get)
			.description("Outbox rows committed but not yet published to Kafka")
			.register(registry);
	}

	@Override
	public void start() {
		this.running = Flux.interval(Duration.ZERO, this.interval).concatMap((tick) -> count().onErrorResume((ex) -> {
			log.debug("Cannot count the outbox backlog: {}", ex.toString());
			return Mono.empty();
		})).subscribe(this.pending::set);
		this.started = true;
	}

	private Mono<Long> count() {
		return this.db.sql("select count(*) as pending from outbox where published_at is null")
			.map((row) -> row.get("pending", Long.class))
			.one();
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

}
