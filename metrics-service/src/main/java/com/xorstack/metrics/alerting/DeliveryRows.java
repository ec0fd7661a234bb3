package com.xorstack.metrics.alerting;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * How a claimed delivery row ends a run: each change applies only while the row is still
 * {@code sending}, so a row cancelled meanwhile (its rule deleted) stays cancelled.
 */
final class DeliveryRows {

	private final DatabaseClient db;

	DeliveryRows(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Gives up the unsent rows of notifications made before {@code oldest}, breaker
	 * refusals and dead claims included, before they could be claimed again.
	 */
	Mono<Long> abandonOlderThan(Instant oldest, Instant now, String reason) {
		return this.db
			.sql("update notification_deliveries d set status = 'abandoned', claimed_until = null,"
					+ " last_error = :reason || coalesce(': ' || d.last_error, '') from alert_notifications n"
					+ " where n.id = d.notification_id and n.created_at < :oldest"
					+ " and (d.status in ('pending', 'failed') or (d.status = 'sending' and d.claimed_until <= :now))")
			.bind("reason", reason)
			.bind("oldest", at(oldest))
			.bind("now", at(now))
			.fetch()
			.rowsUpdated();
	}

	Mono<Void> sent(long id, Instant now) {
		return this.db
			.sql("update notification_deliveries set status = 'sent', sent_at = :now, claimed_until = null,"
					+ " last_error = null where id = :id and status = 'sending'")
			.bind("now", at(now))
			.bind("id", id)
			.then();
	}

	/** Not an attempt: the receiver's breaker answered, so try again once it may. */
	Mono<Void> waiting(long id, Instant next, String error) {
		return this.db
			.sql("update notification_deliveries set status = 'pending', claimed_until = null,"
					+ " attempts = attempts - 1, next_attempt_at = :next, last_error = :error"
					+ " where id = :id and status = 'sending'")
			.bind("next", at(next))
			.bind("error", error)
			.bind("id", id)
			.then();
	}

	Mono<Void> failed(long id, Instant next, String error) {
		return this.db
			.sql("update notification_deliveries set status = 'failed', claimed_until = null,"
					+ " next_attempt_at = :next, last_error = :error where id = :id and status = 'sending'")
			.bind("next", at(next))
			.bind("error", error)
			.bind("id", id)
			.then();
	}

	/** The row's last word: no later run claims it. */
	Mono<Void> abandoned(long id, String reason) {
		return this.db
			.sql("update notification_deliveries set status = 'abandoned', claimed_until = null,"
					+ " last_error = :error where id = :id and status = 'sending'")
			.bind("error", reason)
			.bind("id", id)
			.then();
	}

	static OffsetDateTime at(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
