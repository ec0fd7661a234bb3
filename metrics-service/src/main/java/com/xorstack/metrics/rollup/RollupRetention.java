package com.xorstack.metrics.rollup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.xorstack.metrics.activity.ActivityRepository;
import com.xorstack.metrics.gauge.GaugeRepository;

/**
 * Keeps what is kept for as long as configured: drops rollup partitions past retention,
 * forgets old event ids, sessions and per-user minutes, rolls old gauge readings up into
 * hours (kept a year) and makes the partitions of today and tomorrow ahead of the first
 * event.
 */
@Component
class RollupRetention {

	private static final Logger log = LoggerFactory.getLogger(RollupRetention.class);

	private final RollupPartitions partitions;

	private final UserRollups users;

	private final ActivityRepository activity;

	private final GaugeRepository gauges;

	private final DatabaseClient db;

	private final RollupProperties properties;

	private final Clock clock;

	RollupRetention(RollupPartitions partitions, UserRollups users, ActivityRepository activity, GaugeRepository gauges,
			DatabaseClient db, RollupProperties properties, Clock clock) {
		this.partitions = partitions;
		this.users = users;
		this.activity = activity;
		this.gauges = gauges;
		this.db = db;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "${xorstack.metrics.retention.initial-delay:10s}",
			fixedDelayString = "${xorstack.metrics.retention.interval:1h}")
	void run() {
		try {
			apply().block(Duration.ofMinutes(5));
		}
		catch (RuntimeException ex) {
			log.warn("Retention run failed; the next run tries again", ex);
		}
	}

	Mono<Void> apply() {
		Instant now = this.clock.instant();
		List<Instant> ahead = List.of(now, now.plus(Duration.ofDays(1)));
		return Flux.fromArray(Granularity.values())
			.concatMap((granularity) -> this.partitions.ensure(granularity, ahead)
				.then(this.partitions.dropExpired(granularity)))
			.then(this.db.sql("delete from processed_events where processed_at < :before")
				.bind("before", now.minus(this.properties.processedEvents()).atOffset(ZoneOffset.UTC))
				.fetch()
				.rowsUpdated())
			.then(this.activity.forgetSessionsBefore(now.minus(this.properties.sessions())))
			.then(this.gauges.rollUpBefore(now.minus(this.properties.systemMetrics())))
			.then(this.gauges.deleteHourlyBefore(now.minus(this.properties.systemMetricsHourly())))
			.then(this.users.deleteExpired())
			.then();
	}

}
