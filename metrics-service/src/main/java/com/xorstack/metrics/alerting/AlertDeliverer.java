package com.xorstack.metrics.alerting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.xorstack.metrics.outbound.RefusedAddressException;

/**
 * Sends due notifications. Each instance claims rows with {@code FOR UPDATE SKIP LOCKED}
 * and a lease, so two instances never take the same row; a row is marked sent only after
 * the receiver answered 2xx. A row that failed every attempt stays {@code failed} with a
 * later {@code next_attempt_at} (backing off per failure) and is tried again then; a row
 * the receiver's open circuit breaker refused goes back to {@code pending} until the
 * breaker may let a call through again. A claim whose instance died is taken again once
 * its lease is over. A row is {@code abandoned} after {@code give-up-after-attempts}
 * failed runs, once its notification is older than {@code give-up-after}, or at once when
 * the outbound guard refuses its receiver; {@code last_error} says which.
 */
@Component
class AlertDeliverer {

	private static final Logger log = LoggerFactory.getLogger(AlertDeliverer.class);

	private static final int BATCH = 50;

	private final DatabaseClient db;

	private final ReceiverClient client;

	private final Notifications notifications;

	private final AlertingProperties properties;

	private final JsonMapper json;

	private final Clock clock;

	AlertDeliverer(DatabaseClient db, ReceiverClient client, Notifications notifications, AlertingProperties properties,
			JsonMapper json, Clock clock) {
		this.db = db;
		this.client = client;
		this.notifications = notifications;
		this.properties = properties;
		this.json = json;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "${xorstack.alerting.delivery-interval:PT5S}",
			fixedDelayString = "${xorstack.alerting.delivery-interval:PT5S}")
	Mono<Void> scheduledDelivery() {
		// Subscribed to at every run (Spring calls this once): the instant is each run's
		// own. A run stuck past the lease is cancelled (its claims are due again by
		// then): a run that never ended would stop every later one.
		return Mono.defer(() -> deliverDue(this.clock.instant()))
			.timeout(this.properties.lease())
			.onErrorResume((ex) -> {
				log.warn("Alert delivery failed; the next run tries again", ex);
				return Mono.empty();
			})
			.then();
	}

	/** Sends the deliveries due at {@code now}; answers how many were sent. */
	Mono<Long> deliverDue(Instant now) {
		return abandonStale(now).then(claimAndDeliver(now));
	}

	/**
	 * Gives up the unsent rows of notifications older than {@code give-up-after}, breaker
	 * refusals and dead claims included, before they could be claimed again.
	 */
	private Mono<Long> abandonStale(Instant now) {
		return this.db
			.sql("update notification_deliveries d set status = 'abandoned', claimed_until = null,"
					+ " last_error = :reason || coalesce(': ' || d.last_error, '') from alert_notifications n"
					+ " where n.id = d.notification_id and n.created_at < :oldest"
					+ " and (d.status in ('pending', 'failed') or (d.status = 'sending' and d.claimed_until <= :now))")
			.bind("reason", "gave up: older than " + this.properties.giveUpAfter())
			.bind("oldest", at(now.minus(this.properties.giveUpAfter())))
			.bind("now", at(now))
			.fetch()
			.rowsUpdated();
	}

	private Mono<Long> claimAndDeliver(Instant now) {
		return this.db
			.sql("update notification_deliveries d set status = 'sending', claimed_until = :lease,"
					+ " attempts = attempts + 1 where id in (select id from notification_deliveries"
					+ " where (status in ('pending', 'failed') and next_attempt_at <= :now)"
					+ " or (status = 'sending' and claimed_until <= :now)"
					+ " order by id limit :batch for update skip locked)"
					+ " returning d.id, d.notification_id, d.receiver::text as receiver, d.attempts")
			.bind("lease", at(now.plus(this.properties.lease())))
			.bind("now", at(now))
			.bind("batch", BATCH)
			.map((row) -> new Claim(row.get("id", Long.class), row.get("notification_id", Long.class),
					this.json.readValue(row.get("receiver", String.class), Receiver.class),
					row.get("attempts", Integer.class)))
			.all()
			.collectList()
			.flatMapMany(Flux::fromIterable)
			.flatMap((claim) -> deliver(claim, now), 4)
			.filter(Boolean::booleanValue)
			.count();
	}

	private Mono<Boolean> deliver(Claim claim, Instant now) {
		return this.notifications.payload(claim.notification(), claim.receiver())
			.flatMap((payload) -> this.client.send(claim.receiver(), claim.id(), payload))
			.then(markSent(claim, now))
			.onErrorResume(CallNotPermittedException.class, (ex) -> markRefused(claim, now, ex))
			.onErrorResume((ex) -> markFailed(claim, now, ex));
	}

	private Mono<Boolean> markSent(Claim claim, Instant now) {
		return this.db
			.sql("update notification_deliveries set status = 'sent', sent_at = :now, claimed_until = null,"
					+ " last_error = null where id = :id and status = 'sending'")
			.bind("now", at(now))
			.bind("id", claim.id())
			.then()
			.thenReturn(true);
	}

	/**
	 * Not an attempt: the breaker answered for the receiver, so try again once it may.
	 */
	private Mono<Boolean> markRefused(Claim claim, Instant now, Throwable ex) {
		log.info("Delivery {} to {} waits for its circuit breaker: {}", claim.id(), claim.receiver().key(),
				ex.toString());
		return this.db
			.sql("update notification_deliveries set status = 'pending', claimed_until = null,"
					+ " attempts = attempts - 1, next_attempt_at = :next, last_error = :error"
					+ " where id = :id and status = 'sending'")
			.bind("next", at(now.plus(this.properties.breakerOpenWait())))
			.bind("error", String.valueOf(ex))
			.bind("id", claim.id())
			.then()
			.thenReturn(false);
	}

	private Mono<Boolean> markFailed(Claim claim, Instant now, Throwable ex) {
		RefusedAddressException refused = RefusedAddressException.in(ex);
		if (refused != null) {
			return abandon(claim, "gave up: " + refused.getMessage());
		}
		if (claim.attempts() >= this.properties.giveUpAfterAttempts()) {
			return abandon(claim, "gave up after " + claim.attempts() + " attempts: " + ex);
		}
		log.info("Delivery {} to {} failed (attempt {}): {}", claim.id(), claim.receiver().key(), claim.attempts(),
				ex.toString());
		long factor = 1L << Math.min(claim.attempts() - 1, 6);
		Duration backoff = this.properties.redeliveryBackoff().multipliedBy(factor);
		return this.db
			.sql("update notification_deliveries set status = 'failed', claimed_until = null,"
					+ " next_attempt_at = :next, last_error = :error where id = :id and status = 'sending'")
			.bind("next", at(now.plus(backoff)))
			.bind("error", String.valueOf(ex))
			.bind("id", claim.id())
			.then()
			.thenReturn(false);
	}

	/** The row's last word: no later run claims it ({@code status} is no longer due). */
	private Mono<Boolean> abandon(Claim claim, String reason) {
		log.warn("Delivery {} to {} {}", claim.id(), claim.receiver().key(), reason);
		return this.db
			.sql("update notification_deliveries set status = 'abandoned', claimed_until = null,"
					+ " last_error = :error where id = :id and status = 'sending'")
			.bind("error", reason)
			.bind("id", claim.id())
			.then()
			.thenReturn(false);
	}

	private static OffsetDateTime at(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	private record Claim(long id, long notification, Receiver receiver, int attempts) {
	}

}
