package com.xorstack.metrics.usage;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Engagement from the per-user rows of activity: daily, weekly and monthly active users,
 * new versus returning users, sessions and their length, and weekly retention cohorts.
 * Each answer is counts per day or week; no user id leaves the database.
 */
@Repository
class EngagementRepository {

	private final DatabaseClient db;

	EngagementRepository(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Per day: distinct users that day, in the 7 and in the 30 days ending that day, new
	 * (first day ever) and returning. Each user-day row is read by at most 30 days.
	 */
	Mono<List<ActiveDay>> activeUsers(DateRange range) {
		return this.db.sql("""
				select d.day, count(distinct u.user_id) filter (where u.day = d.day) as dau,
				  count(distinct u.user_id) filter (where u.day > d.day - 7) as wau,
				  count(distinct u.user_id) as mau,
				  count(distinct u.user_id) filter (where u.day = d.day and f.first_day = d.day) as new_users
				from (select cast(g as date) as day from generate_series(cast(:from as date), cast(:to as date),
				  interval '1 day') as g) as d
				left join daily_users u on u.day between d.day - 29 and d.day
				left join user_first_seen f on f.user_id = u.user_id and u.day = d.day
				group by d.day order by d.day""")
			.bind("from", range.from())
			.bind("to", range.to())
			.map((row) -> new ActiveDay(row.get("day", LocalDate.class), row.get("dau", Long.class),
					row.get("wau", Long.class), row.get("mau", Long.class), row.get("new_users", Long.class)))
			.all()
			.collectList();
	}

	/** Distinct users in the range, and how many of them were first seen in it. */
	Mono<long[]> usersInRange(DateRange range) {
		return this.db.sql("""
				select count(distinct u.user_id) as users,
				  count(distinct u.user_id) filter (where f.first_day >= :from) as new_users
				from daily_users u join user_first_seen f on f.user_id = u.user_id
				where u.day between :from and :to""")
			.bind("from", range.from())
			.bind("to", range.to())
			.map((row) -> new long[] { row.get("users", Long.class), row.get("new_users", Long.class) })
			.one();
	}

	/**
	 * Sessions by the UTC day they started (and, day {@code null}, over the whole range,
	 * a row even when there were none): how many, how many sessions each signed-in user
	 * had, and the median time from a session's first to its last event.
	 */
	Mono<List<SessionDay>> sessions(DateRange range) {
		return this.db.sql("""
				select cast(started_at at time zone 'UTC' as date) as day, count(*) as sessions,
				  count(*) filter (where user_id is not null) as user_sessions, count(distinct user_id) as users,
				  coalesce(percentile_cont(0.5) within group (order by extract(epoch from last_seen - started_at)), 0)
				    as median
				from session_spans where started_at >= :from and started_at < :to
				group by grouping sets ((1), ())""")
			.bind("from", range.from().atStartOfDay(ZoneOffset.UTC).toOffsetDateTime())
			.bind("to", range.to().plusDays(1).atStartOfDay(ZoneOffset.UTC).toOffsetDateTime())
			.map((row) -> new SessionDay(row.get("day", LocalDate.class), row.get("sessions", Long.class),
					row.get("user_sessions", Long.class), row.get("users", Long.class),
					((Number) row.get("median")).doubleValue()))
			.all()
			.collectList();
	}

	/**
	 * Users by the ISO week (its Monday) of their first day, and how many of them were
	 * active N weeks later, for the whole weeks of the range.
	 */
	Mono<List<CohortWeek>> cohorts(DateRange weeks) {
		return this.db.sql("""
				select c.week, (cast(date_trunc('week', cast(u.day as timestamp)) as date) - c.week) / 7 as n,
				  count(distinct u.user_id) as users
				from (select user_id, cast(date_trunc('week', cast(first_day as timestamp)) as date) as week
				  from user_first_seen where first_day between :from and :to) as c
				join daily_users u on u.user_id = c.user_id and u.day between c.week and :to
				group by 1, 2 order by 1, 2""")
			.bind("from", weeks.from())
			.bind("to", weeks.to())
			.map((row) -> new CohortWeek(row.get("week", LocalDate.class), row.get("n", Integer.class),
					row.get("users", Long.class)))
			.all()
			.collectList();
	}

	record ActiveDay(LocalDate day, long dau, long wau, long mau, long newUsers) {
	}

	record SessionDay(@Nullable LocalDate day, long sessions, long userSessions, long users, double medianSeconds) {
	}

	record CohortWeek(LocalDate week, int weeksLater, long users) {
	}

}
