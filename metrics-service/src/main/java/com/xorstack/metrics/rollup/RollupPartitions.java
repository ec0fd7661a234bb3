package com.xorstack.metrics.rollup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;

/**
 * Makes the partition an event's bucket needs before the event is written, and drops
 * whole partitions once every bucket in them is past retention. Partition names are built
 * from dates only, never from input.
 */
@Component
class RollupPartitions {

	private static final Logger log = LoggerFactory.getLogger(RollupPartitions.class);

	/** Events this far ahead of the clock are taken as skew and still written. */
	static final Duration FUTURE_TOLERANCE = Duration.ofDays(1);

	private final DatabaseClient db;

	private final RollupProperties properties;

	private final Clock clock;

	private final Set<String> known = ConcurrentHashMap.newKeySet();

	RollupPartitions(DatabaseClient db, RollupProperties properties, Clock clock) {
		this.db = db;
		this.properties = properties;
		this.clock = clock;
	}

	/** Whether a bucket of this granularity is kept at all. */
	boolean kept(Granularity granularity, Instant bucket) {
		Instant now = this.clock.instant();
		return !bucket.isBefore(now.minus(this.properties.retention(granularity)))
				&& !bucket.isAfter(now.plus(FUTURE_TOLERANCE));
	}

	Mono<Void> ensure(Granularity granularity, Collection<Instant> buckets) {
		Set<Instant> starts = new TreeSet<>();
		buckets.forEach((bucket) -> starts.add(granularity.partitionStart(bucket)));
		return Flux.fromIterable(starts).concatMap((start) -> ensure(granularity, start)).then();
	}

	private Mono<Void> ensure(Granularity granularity, Instant start) {
		String name = granularity.partitionName(start);
		if (this.known.contains(name)) {
			return Mono.empty();
		}
		// the function runs as the table's owner (migration V24): this role makes no
		// tables
		return this.db.sql("select rollup_create_partition(:parent, :name, :from, :to)")
			.bind("parent", granularity.table())
			.bind("name", name)
			.bind("from", start.atOffset(ZoneOffset.UTC))
			.bind("to", granularity.partitionEnd(start).atOffset(ZoneOffset.UTC))
			.then()
			// Another instance made it at the same moment: fine, it exists.
			.onErrorResume((ex) -> exists(name).filter(Boolean::booleanValue).switchIfEmpty(Mono.error(ex)).then())
			.doOnSuccess((done) -> this.known.add(name));
	}

	private Mono<Boolean> exists(String name) {
		return this.db.sql("select to_regclass(:name) is not null as present")
			.bind("name", name)
			.map((row) -> Boolean.TRUE.equals(row.get("present", Boolean.class)))
			.one();
	}

	/** Drops every partition whose last bucket is past retention; answers how many. */
	Mono<Long> dropExpired(Granularity granularity) {
		Instant horizon = this.clock.instant().minus(this.properties.retention(granularity));
		return this.db
			.sql("select c.relname as name, pg_get_expr(c.relpartbound, c.oid) as bound from pg_inherits i"
					+ " join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent"
					+ " where p.relname = :parent")
			.bind("parent", granularity.table())
			.map((row) -> row.get("name", String.class))
			.all()
			.filter((name) -> expired(granularity, name, horizon))
			.concatMap((name) -> drop(name))
			.count();
	}

	private boolean expired(Granularity granularity, String name, Instant horizon) {
		String prefix = granularity.table() + "_p";
		if (!name.startsWith(prefix)) {
			return false;
		}
		String suffix = name.substring(prefix.length());
		try {
			int year = Integer.parseInt(suffix.substring(0, 4));
			int month = Integer.parseInt(suffix.substring(4, 6));
			int day = (suffix.length() == 8) ? Integer.parseInt(suffix.substring(6, 8)) : 1;
			Instant start = LocalDate.of(year, month, day).atStartOfDay(ZoneOffset.UTC).toInstant();
			return !granularity.partitionEnd(start).isAfter(horizon);
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private Mono<String> drop(String name) {
		log.info("Dropping rollup partition {} past retention", name);
		return this.db.sql("select rollup_drop_partition(:name)")
			.bind("name", name)
			.then()
			.doOnSuccess((done) -> this.known.remove(name))
			.thenReturn(name);
	}

}
