package com.xorstack.metrics.activity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The rows engagement analytics read besides the per-day tables: each user's first day
 * and each session's span. Both only ever widen, so a late or repeated batch is harmless.
 */
class EngagementRows {

	private final DatabaseClient db;

	EngagementRows(DatabaseClient db) {
		this.db = db;
	}

	/** {@code firstDays} sorted by user, so concurrent writers lock in the same order. */
	Mono<Long> firstDays(Map<String, LocalDate> firstDays) {
		if (firstDays.isEmpty()) {
			return Mono.just(0L);
		}
		return this.db
			.sql("insert into user_first_seen (user_id, first_day) select i, cast(d as date)"
					+ " from unnest(cast(:ids as text[]), cast(:days as text[])) as t(i, d)"
					+ " on conflict (user_id) do update set first_day = excluded.first_day"
					+ " where excluded.first_day < user_first_seen.first_day")
			.bind("ids", firstDays.keySet().toArray(String[]::new))
			.bind("days", firstDays.values().stream().map(LocalDate::toString).toArray(String[]::new))
			.fetch()
			.rowsUpdated();
	}

	/** {@code spans} sorted by session id. */
	Mono<Long> spans(Map<String, Span> spans) {
		if (spans.isEmpty()) {
			return Mono.just(0L);
		}
		return this.db.sql("insert into session_spans (session_id, user_id, started_at, last_seen)"
				+ " select s, nullif(u, ''), cast(a as timestamptz), cast(l as timestamptz) from unnest("
				+ "cast(:sessions as text[]), cast(:users as text[]), cast(:starts as text[]), cast(:lasts as text[]))"
				+ " as t(s, u, a, l) on conflict (session_id) do update set"
				+ " user_id = coalesce(session_spans.user_id, excluded.user_id),"
				+ " started_at = least(session_spans.started_at, excluded.started_at),"
				+ " last_seen = greatest(session_spans.last_seen, excluded.last_seen)"
				// most batches only move last_seen; the rest would write row versions for
				// nothing
				+ " where excluded.started_at < session_spans.started_at or excluded.last_seen > session_spans.last_seen"
				+ " or (session_spans.user_id is null and excluded.user_id is not null)")
			.bind("sessions", spans.keySet().toArray(String[]::new))
			.bind("users",
					spans.values()
						.stream()
						.map((span) -> (span.userId() != null) ? span.userId() : "")
						.toArray(String[]::new))
			.bind("starts", spans.values().stream().map((span) -> span.start().toString()).toArray(String[]::new))
			.bind("lasts", spans.values().stream().map((span) -> span.last().toString()).toArray(String[]::new))
			.fetch()
			.rowsUpdated();
	}

	/**
	 * A session's first and last event in a batch, and its user if any event named one.
	 */
	record Span(@Nullable String userId, Instant start, Instant last) {

		Span merge(Span other) {
			return new Span((this.userId != null) ? this.userId : other.userId,
					this.start.isBefore(other.start) ? this.start : other.start,
					this.last.isAfter(other.last) ? this.last : other.last);
		}

	}

}
