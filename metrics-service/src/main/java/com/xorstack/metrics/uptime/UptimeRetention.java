package com.xorstack.metrics.uptime;

import java.time.Clock;
import java.time.ZoneOffset;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes raw results past {@code results-retention} (the 24-hour figures, percentiles
 * and rule values need a day) and daily counts past {@code daily-retention}, with those
 * of deleted checks. Every replica may run it: deletes of rows already gone are no-ops.
 */
@Component
class UptimeRetention {

	private final DatabaseClient db;

	private final UptimeProperties properties;

	private final Clock clock;

	UptimeRetention(DatabaseClient db, UptimeProperties properties, Clock clock) {
		this.db = db;
		this.properties = properties;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "PT10M", fixedDelayString = "${xorstack.metrics.retention.interval:1h}")
	Mono<Void> purge() {
		return Mono.defer(() -> this.db
			.sql("delete from uptime_results where at < :before" + " or check_no not in (select no from uptime_checks)")
			.bind("before", this.clock.instant().minus(this.properties.resultsRetention()).atOffset(ZoneOffset.UTC))
			.then()
			.then(this.db
				.sql("delete from uptime_daily where day < :before or check_no not in (select no from uptime_checks)")
				.bind("before",
						this.clock.instant()
							.minus(this.properties.dailyRetention())
							.atOffset(ZoneOffset.UTC)
							.toLocalDate())
				.then()))
			.onErrorComplete();
	}

}
