package com.xorstack.metrics.usage;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Distinct users of each feature per UTC day, written from usage events that name both a
 * feature and a user, and read back as counts only.
 */
@Repository
class FeatureRepository {

	/** The most used features an answer lists; a console cannot show more anyway. */
	static final int MAX_FEATURES = 50;

	private final DatabaseClient db;

	FeatureRepository(DatabaseClient db) {
		this.db = db;
	}

	/** Runs inside the caller's transaction; rows sorted so writers lock in one order. */
	Mono<Long> record(List<UsageEvent> events) {
		Set<List<String>> rows = new TreeSet<>((a, b) -> String.join("\u0000", a).compareTo(String.join("\u0000", b)));
		for (UsageEvent event : events) {
			if (event.feature() != null && event.userId() != null && !event.userId().isBlank()) {
				String day = LocalDate.ofInstant(event.occurredAt(), ZoneOffset.UTC).toString();
				rows.add(List.of(day, event.feature(), event.userId()));
			}
		}
		if (rows.isEmpty()) {
			return Mono.just(0L);
		}
		return this.db
			.sql("insert into daily_feature_users (day, feature, user_id) select cast(d as date), f, u"
					+ " from unnest(cast(:days as text[]), cast(:features as text[]), cast(:users as text[]))"
					+ " as t(d, f, u) on conflict do nothing")
			.bind("days", column(rows, 0))
			.bind("features", column(rows, 1))
			.bind("users", column(rows, 2))
			.fetch()
			.rowsUpdated();
	}

	/** Distinct users of each feature in the range, most used first. */
	Mono<List<Map.Entry<String, Long>>> usersPerFeature(DateRange range) {
		return this.db
			.sql("select feature, count(distinct user_id) as users from daily_feature_users"
					+ " where day between :from and :to group by feature order by 2 desc, 1 limit " + MAX_FEATURES)
			.bind("from", range.from())
			.bind("to", range.to())
			.map((row) -> Map.entry(row.get("feature", String.class), row.get("users", Long.class)))
			.all()
			.collectList();
	}

	/** Distinct users of each feature per bucket ({@code day} or ISO {@code week}). */
	Mono<List<Count>> usersPerBucket(String step, DateRange range) {
		return this.db
			.sql("select cast(date_trunc(:step, cast(day as timestamp)) as date) as bucket, feature,"
					+ " count(distinct user_id) as users from daily_feature_users"
					+ " where day between :from and :to group by 1, 2")
			.bind("step", step)
			.bind("from", range.from())
			.bind("to", range.to())
			.map((row) -> new Count(row.get("bucket", LocalDate.class), row.get("feature", String.class),
					row.get("users", Long.class)))
			.all()
			.collectList();
	}

	/** Distinct active users per bucket, the denominator of each feature's share. */
	Mono<Map<LocalDate, Long>> activeUsersPerBucket(String step, DateRange range) {
		return this.db
			.sql("select cast(date_trunc(:step, cast(day as timestamp)) as date) as bucket,"
					+ " count(distinct user_id) as users from daily_users where day between :from and :to group by 1")
			.bind("step", step)
			.bind("from", range.from())
			.bind("to", range.to())
			.map((row) -> Map.entry(row.get("bucket", LocalDate.class), row.get("users", Long.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	/** Distinct active users over the whole range. */
	Mono<Long> activeUsers(DateRange range) {
		return this.db.sql("select count(distinct user_id) as users from daily_users where day between :from and :to")
			.bind("from", range.from())
			.bind("to", range.to())
			.map((row) -> row.get("users", Long.class))
			.one();
	}

	private static String[] column(Set<List<String>> rows, int index) {
		List<String> values = new ArrayList<>(rows.size());
		rows.forEach((row) -> values.add(row.get(index)));
		return values.toArray(String[]::new);
	}

	record Count(LocalDate bucket, String feature, long users) {
	}

}
