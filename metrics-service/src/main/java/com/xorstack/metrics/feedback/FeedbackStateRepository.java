package com.xorstack.metrics.feedback;

import java.time.Instant;
import java.time.ZoneOffset;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * {@code feedback_state} holds one row per feedback item with its latest known status;
 * the {@code processed_events} table makes every event count once, however often it
 * arrives.
 */
@Repository
public class FeedbackStateRepository {

	private final DatabaseClient db;

	private final TransactionalOperator transactions;

	FeedbackStateRepository(DatabaseClient db, TransactionalOperator transactions) {
		this.db = db;
		this.transactions = transactions;
	}

	Mono<Boolean> apply(String eventId, FeedbackEvent event) {
		Mono<Boolean> once = firstDelivery(eventId)
			.flatMap((first) -> first ? upsert(event).thenReturn(true) : Mono.just(false));
		return this.transactions.transactional(once);
	}

	public Mono<Long> countByStatus(String status) {
		return this.db.sql("select count(*) as n from feedback_state where status = :status")
			.bind("status", status)
			.map((row) -> row.get("n", Long.class))
			.one();
	}

	private Mono<Boolean> firstDelivery(String eventId) {
		return this.db
			.sql("insert into processed_events (event_id, consumer) values (:id, 'feedback-state')"
					+ " on conflict do nothing")
			.bind("id", eventId)
			.fetch()
			.rowsUpdated()
			.map((rows) -> rows == 1);
	}

	/** A later version wins; an older event that arrives late changes nothing. */
	private Mono<Long> upsert(FeedbackEvent event) {
		Instant changedAt = (event.triagedAt() != null) ? event.triagedAt()
				: (event.createdAt() != null) ? event.createdAt() : Instant.now();
		return this.db
			.sql("insert into feedback_state (feedback_id, status, category, priority, version, changed_at)"
					+ " values (:id, :status, :category, :priority, :version, :changedAt)"
					+ " on conflict (feedback_id) do update set status = excluded.status,"
					+ " priority = coalesce(excluded.priority, feedback_state.priority), version = excluded.version,"
					+ " changed_at = excluded.changed_at where feedback_state.version < excluded.version")
			.bind("id", event.feedbackId())
			.bind("status", event.status())
			.bind("category", Parameter.fromOrEmpty(event.category(), String.class))
			.bind("priority", Parameter.fromOrEmpty(event.priority(), String.class))
			.bind("version", (event.version() != null) ? event.version() : 0L)
			.bind("changedAt", changedAt.atOffset(ZoneOffset.UTC))
			.fetch()
			.rowsUpdated();
	}

}
