package com.xorstack.metrics.errors;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.xorstack.metrics.system.EventBatch;

/**
 * The {@code error_occurrence} rows: stored once per event id, kept {@link #KEPT}, and
 * read as counts per time bucket, per group, and as the newest occurrences.
 */
@Repository
class ErrorOccurrences {

	static final Duration KEPT = Duration.ofDays(30);

	private static final String INSERT = "insert into error_occurrence"
			+ " (event_id, at, service, route, method, status, exception_type, trace_id)"
			+ " values (:id, :at, :service, :route, :method, :status, :type, :traceId) on conflict (event_id) do nothing";

	/** {@code :service} null matches every service. */
	private static final String WHERE = " where at >= :from and at < :to"
			+ " and (cast(:service as text) is null or service = :service)";

	private final DatabaseClient db;

	private final TransactionalOperator transaction;

	ErrorOccurrences(DatabaseClient db, TransactionalOperator transaction) {
		this.db = db;
		this.transaction = transaction;
	}

	/** One transaction: the batch's rows, and the rows past {@link #KEPT} gone. */
	Mono<Void> store(List<EventBatch.Read<ErrorOccurred>> events, Instant now) {
		if (events.isEmpty()) {
			return Mono.empty();
		}
		return Flux.fromIterable(events).concatMap(this::insert).then(forget(now)).as(this.transaction::transactional);
	}

	private Mono<Long> insert(EventBatch.Read<ErrorOccurred> read) {
		ErrorOccurred error = read.data();
		DatabaseClient.GenericExecuteSpec insert = this.db.sql(INSERT)
			.bind("id", read.id())
			.bind("at", error.at().atOffset(ZoneOffset.UTC))
			.bind("service", error.service())
			.bind("route", error.route())
			.bind("method", error.method())
			.bind("status", error.status())
			.bind("type", error.exceptionType());
		insert = (error.traceId() != null) ? insert.bind("traceId", error.traceId())
				: insert.bindNull("traceId", String.class);
		return insert.fetch().rowsUpdated();
	}

	private Mono<Void> forget(Instant now) {
		return this.db.sql("delete from error_occurrence where at < :before")
			.bind("before", now.minus(KEPT).atOffset(ZoneOffset.UTC))
			.fetch()
			.rowsUpdated()
			.then();
	}

	/** Errors per bucket of {@code step}, service and exception class, oldest first. */
	Flux<ErrorsView.Bucket> buckets(ErrorsView.Query query) {
		return bind(this.db.sql("select to_timestamp(floor(extract(epoch from at) / :step) * :step) as bucket,"
				+ " service, exception_type, count(*) as errors from error_occurrence" + WHERE
				+ " group by 1, 2, 3 order by 1, 2, 3"), query)
			.bind("step", query.step().toSeconds())
			.map((row) -> new ErrorsView.Bucket(instant(row, "bucket"), row.get("service", String.class),
					row.get("exception_type", String.class), row.get("errors", Long.class)))
			.all();
	}

	/** Per service, route, status and class: how many, and the newest with its trace. */
	Flux<ErrorsView.Group> groups(ErrorsView.Query query) {
		return bind(this.db.sql("select service, route, status, exception_type, count(*) as errors,"
				+ " max(at) as last_at, (array_agg(trace_id order by at desc) filter (where trace_id is not null))[1]"
				+ " as last_trace_id from error_occurrence" + WHERE
				+ " group by service, route, status, exception_type order by errors desc, last_at desc limit 100"),
				query)
			.map((row) -> new ErrorsView.Group(row.get("service", String.class), row.get("route", String.class),
					row.get("status", Integer.class), row.get("exception_type", String.class),
					row.get("errors", Long.class), instant(row, "last_at"), row.get("last_trace_id", String.class)))
			.all();
	}

	/** The newest occurrences, newest first. */
	Flux<ErrorsView.Occurrence> recent(ErrorsView.Query query) {
		return bind(this.db.sql("select at, service, route, method, status, exception_type, trace_id"
				+ " from error_occurrence" + WHERE + " order by at desc limit :limit"), query)
			.bind("limit", query.limit())
			.map((row) -> new ErrorsView.Occurrence(instant(row, "at"), row.get("service", String.class),
					row.get("route", String.class), row.get("method", String.class), row.get("status", Integer.class),
					row.get("exception_type", String.class), row.get("trace_id", String.class)))
			.all();
	}

	private static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec,
			ErrorsView.Query query) {
		DatabaseClient.GenericExecuteSpec bound = spec.bind("from", query.from().atOffset(ZoneOffset.UTC))
			.bind("to", query.to().atOffset(ZoneOffset.UTC));
		@Nullable String service = query.service();
		return (service != null) ? bound.bind("service", service) : bound.bindNull("service", String.class);
	}

	private static Instant instant(Readable row, String column) {
		return row.get(column, OffsetDateTime.class).toInstant();
	}

}
