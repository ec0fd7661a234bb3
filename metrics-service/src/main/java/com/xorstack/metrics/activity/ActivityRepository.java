package com.xorstack.metrics.activity;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Writes a batch of activity in five statements, each with its keys sorted so that two
 * consumers writing at once lock rows in the same order.
 */
@Repository
public class ActivityRepository {

	private final DatabaseClient db;

	private final EngagementRows engagement;

	ActivityRepository(DatabaseClient db) {
		this.db = db;
		this.engagement = new EngagementRows(db);
	}

	/** Runs inside the caller's transaction. */
	public Mono<Void> record(List<Activity> activities) {
		Map<String, Instant> lastSeen = new TreeMap<>();
		Set<String> users = new TreeSet<>();
		Set<String> sessions = new TreeSet<>();
		Map<String, LocalDate> firstDays = new TreeMap<>();
		Map<String, EngagementRows.Span> spans = new TreeMap<>();
		for (Activity activity : activities) {
			LocalDate date = LocalDate.ofInstant(activity.at(), ZoneOffset.UTC);
			String day = date.toString();
			@Nullable String user = (activity.userId() != null && !activity.userId().isBlank()) ? activity.userId() : null;
			if (user != null) {
				users.add(day + "|" + user);
				firstDays.merge(user, date, (a, b) -> a.isBefore(b) ? a : b);
			}
			if (activity.sessionId() != null && !activity.sessionId().isBlank()) {
				sessions.add(day + "|" + activity.sessionId());
				lastSeen.merge(activity.sessionId(), activity.at(), (a, b) -> a.isAfter(b) ? a : b);
				spans.merge(activity.sessionId(), new EngagementRows.Span(user, activity.at(), activity.at()),
						EngagementRows.Span::merge);
			}
		}
		return Flux
			.concat(daily("daily_users", "user_id", users), daily("daily_sessions", "session_id", sessions),
					touch(lastSeen), this.engagement.firstDays(firstDays), this.engagement.spans(spans))
			.then();
	}

	public Mono<Long> activeSessionsSince(Instant since) {
		return this.db.sql("select count(*) as n from session_activity where last_seen >= :since")
			.bind("since", since.atOffset(ZoneOffset.UTC))
			.map((row) -> row.get("n", Long.class))
			.one();
	}

	public Mono<Long> forgetSessionsBefore(Instant before) {
		return this.db.sql("delete from session_activity where last_seen < :before")
			.bind("before", before.atOffset(ZoneOffset.UTC))
			.fetch()
			.rowsUpdated();
	}

	/**
	 * Distinct users (column {@code users}) or sessions per day in {@code [from, to]}.
	 */
	public Mono<Map<LocalDate, Long>> perDay(String what, LocalDate from, LocalDate to) {
		String table = "users".equals(what) ? "daily_users" : "daily_sessions";
		return this.db.sql("select day, count(*) as n from " + table + " where day between :from and :to group by day")
			.bind("from", from)
			.bind("to", to)
			.map((row) -> Map.entry(row.get("day", LocalDate.class), row.get("n", Long.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	private Mono<Long> daily(String table, String column, Set<String> dayAndIds) {
		if (dayAndIds.isEmpty()) {
			return Mono.just(0L);
		}
		List<String> days = new ArrayList<>(dayAndIds.size());
		List<String> ids = new ArrayList<>(dayAndIds.size());
		for (String dayAndId : dayAndIds) {
			int bar = dayAndId.indexOf('|');
			days.add(dayAndId.substring(0, bar));
			ids.add(dayAndId.substring(bar + 1));
		}
		return this.db
			.sql("insert into " + table + " (day, " + column + ") select cast(d as date), i"
					+ " from unnest(cast(:days as text[]), cast(:ids as text[])) as t(d, i) on conflict do nothing")
			.bind("days", days.toArray(String[]::new))
			.bind("ids", ids.toArray(String[]::new))
			.fetch()
			.rowsUpdated();
	}

	private Mono<Long> touch(Map<String, Instant> lastSeen) {
		if (lastSeen.isEmpty()) {
			return Mono.just(0L);
		}
		return this.db.sql("insert into session_activity (session_id, last_seen) select s, cast(l as timestamptz)"
				+ " from unnest(cast(:sessions as text[]), cast(:seen as text[])) as t(s, l)"
				+ " on conflict (session_id) do update set last_seen = excluded.last_seen"
				// a late event changes nothing, and writes no new row version either
				+ " where session_activity.last_seen < excluded.last_seen")
			.bind("sessions", lastSeen.keySet().toArray(String[]::new))
			.bind("seen", lastSeen.values().stream().map(Instant::toString).toArray(String[]::new))
			.fetch()
			.rowsUpdated();
	}

}
