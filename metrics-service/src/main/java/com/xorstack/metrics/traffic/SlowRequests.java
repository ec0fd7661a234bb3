package com.xorstack.metrics.traffic;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * The few slowest traced requests of each batch, kept a day: enough to answer "which
 * requests were slowest in the last hour" with their traces, at a handful of rows per
 * batch however large the batch.
 */
@Repository
class SlowRequests {

	static final int PER_BATCH = 3;

	static final Duration KEPT = Duration.ofDays(1);

	private static final String INSERT = "insert into slow_request"
			+ " (event_id, at, route, method, status, duration_ms, trace_id)"
			+ " values (:id, :at, :route, :method, :status, :duration, :traceId) on conflict (event_id) do nothing";

	private final DatabaseClient db;

	SlowRequests(DatabaseClient db) {
		this.db = db;
	}

	/** Runs inside the caller's transaction; {@code requests} by event id. */
	Mono<Void> keepSlowest(Map<String, SlowRequest> requests, Instant now) {
		if (requests.isEmpty()) {
			return Mono.empty();
		}
		List<Map.Entry<String, SlowRequest>> slowest = requests.entrySet()
			.stream()
			.sorted(Comparator.comparingDouble((Map.Entry<String, SlowRequest> entry) -> entry.getValue().durationMs())
				.reversed())
			.limit(PER_BATCH)
			.toList();
		return Flux.fromIterable(slowest)
			.concatMap((entry) -> insert(entry.getKey(), entry.getValue()))
			.then(forget(now));
	}

	private Mono<Long> insert(String id, SlowRequest request) {
		return this.db.sql(INSERT)
			.bind("id", id)
			.bind("at", request.at().atOffset(ZoneOffset.UTC))
			.bind("route", request.route())
			.bind("method", request.method())
			.bind("status", request.status())
			.bind("duration", request.durationMs())
			.bind("traceId", request.traceId())
			.fetch()
			.rowsUpdated();
	}

	private Mono<Void> forget(Instant now) {
		return this.db.sql("delete from slow_request where at < :before")
			.bind("before", now.minus(KEPT).atOffset(ZoneOffset.UTC))
			.fetch()
			.rowsUpdated()
			.then();
	}

	Flux<SlowRequest> slowestSince(Instant since, int limit) {
		return this.db
			.sql("select at, route, method, status, duration_ms, trace_id from slow_request where at >= :since"
					+ " order by duration_ms desc limit :limit")
			.bind("since", since.atOffset(ZoneOffset.UTC))
			.bind("limit", limit)
			.map((row) -> new SlowRequest(row.get("at", java.time.OffsetDateTime.class).toInstant(),
					row.get("route", String.class), row.get("method", String.class), row.get("status", Integer.class),
					row.get("duration_ms", Double.class), row.get("trace_id", String.class)))
			.all();
	}

}
