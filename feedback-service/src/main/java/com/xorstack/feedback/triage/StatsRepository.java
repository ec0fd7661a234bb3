package com.xorstack.feedback.triage;

import java.time.OffsetDateTime;
import java.util.Optional;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Counts over all feedback for the triage overview.
 */
@Repository
class StatsRepository {

	private final DatabaseClient db;

	StatsRepository(DatabaseClient db) {
		this.db = db;
	}

	/** One row per (dimension, value) that occurs at all. */
	Flux<FeedbackStats.Group> counts() {
		return this.db
			.sql("select 'status' as dimension, status as value, count(*) as count from user_feedback group by status"
					+ " union all select 'category', category, count(*) from user_feedback group by category"
					+ " union all select 'priority', priority, count(*) from user_feedback group by priority")
			.map((row) -> new FeedbackStats.Group(row.get("dimension", String.class), row.get("value", String.class),
					row.get("count", Long.class)))
			.all();
	}

	Mono<Optional<OffsetDateTime>> oldestPending() {
		return this.db.sql("select min(created_at) as oldest from user_feedback where status = 'pending'")
			.map((row) -> Optional.ofNullable(row.get("oldest", OffsetDateTime.class)))
			.one();
	}

}
