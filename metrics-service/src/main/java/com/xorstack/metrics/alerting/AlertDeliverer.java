package com.xorstack.metrics.alerting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.jspecify.annotations.Nullable;
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

	private final DeliveryRows rows;

	private final ReceiverClient client;

	private final Notifications notifications;

	private final AlertingProperties properties;

	private final JsonMapper json;

	private final Clock clock;

	AlertDeliverer(DatabaseClient db, ReceiverClient client, Notifications notifications, AlertingProperties properties,
			JsonMapper json, Clock clock) {
		this.db = db;
		this.rows = new DeliveryRows(db);
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
		return this.rows
			.abandonOlderThan(now.minus(this.properties.giveUpAfter()), now,
					"gave up: older than " + this.properties.giveUpAfter())
			.then(claimAndDeliver(now));
	}

	private Mono<Long> claimAndDeliver(Instant now) {
		return this.db
			.sql("update notification_deliveries d set status = 'sending', claimed_until = :lease,"
					+ " attempts = attempts + 1 where id in (select id from notification_deliveries"
					+ " where (status in ('pending', 'failed') and next_attempt_at <= :now)"
					+ " or (status = 'sending' and claimed_until <= :now)"
					+ " order by id limit :batch for update skip locked)"
					+ " returning d.id, d.notification_id, d.receiver::text as receiver, d.attempts")
			.bind("lease", DeliveryRows.at(now.plus(this.properties.lease())))
			.bind("now", DeliveryRows.at(now))
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
		return this.rows.sent(claim.id(), now).thenReturn(true);
	}

	private Mono<Boolean> markRefused(Claim claim, Instant now, Throwable ex) {
		log.info("Delivery {} to {} waits for its circuit breaker: {}", claim.id(), claim.receiver().key(),
				ex.toString());
		return this.rows.waiting(claim.id(), now.plus(this.properties.breakerOpenWait()), String.valueOf(ex))
			.thenReturn(false);
	}

	private Mono<Boolean> markFailed(Claim claim, Instant now, Throwable ex) {
		String reason = giveUpReason(claim, ex);
		if (reason != null) {
			log.warn("Delivery {} to {} {}", claim.id(), claim.receiver().key(), reason);
			return this.rows.abandoned(claim.id(), reason).thenReturn(false);
		}
		log.info("Delivery {} to {} failed (attempt {}): {}", claim.id(), claim.receiver().key(), claim.attempts(),
				ex.toString());
		long factor = 1L << Math.min(claim.attempts() - 1, 6);
		Duration backoff = this.properties.redeliveryBackoff().multipliedBy(factor);
		return this.rows.failed(claim.id(), now.plus(backoff), String.valueOf(ex)).thenReturn(false);
	}

	/**
	 * Why the row is given up after this failure: the outbound guard refused its receiver
	 * (retrying cannot help), or it had its last run; null to try again later.
	 */
	private @Nullable String giveUpReason(Claim claim, Throwable ex) {
		RefusedAddressException refused = RefusedAddressException.in(ex);
		if (refused != null) {
			return "gave up: " + refused.getMessage();
		}
		if (claim.attempts() >= this.properties.giveUpAfterAttempts()) {
			return "gave up after " + claim.attempts() + " attempts: " + ex;
		}
		return null;
	}

	private record Claim(long id, long notification, Receiver receiver, int attempts) {
	}

}
