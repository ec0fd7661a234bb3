package com.xorstack.auth.audit;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import com.xorstack.platform.events.CloudEventRecords;
import com.xorstack.platform.events.EventTypes;
import com.xorstack.platform.events.OutgoingEvent;

/**
 * Publishes the chain's head outside the database: after every committed append and on a
 * schedule. A head is published only when it extends the one published before (the old
 * head still in the database with its hash, the new one at or after it), so that rows cut
 * off the database are never anchored over; such a refusal is logged as an error and
 * verify reports the cut.
 */
@Component
class AuditChainAnchor implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(AuditChainAnchor.class);

	private final AuditRepository rows;

	private final AuditChainHeads heads;

	private final AuditChainKeys keys;

	private final KafkaTemplate<String, byte[]> kafka;

	private final JsonMapper json;

	private final AuditProperties properties;

	private final Clock clock;

	private final Sinks.Many<Boolean> requests = Sinks.many().unicast().onBackpressureBuffer();

	private final Disposable relay;

	private volatile @Nullable Optional<AuditChainHead> lastPublished;

	AuditChainAnchor(AuditRepository rows, AuditChainHeads heads, AuditChainKeys keys,
			KafkaTemplate<String, byte[]> kafka, JsonMapper json, AuditProperties properties, Clock clock) {
		this.rows = rows;
		this.heads = heads;
		this.keys = keys;
		this.kafka = kafka;
		this.json = json;
		this.properties = properties;
		this.clock = clock;
		// one publication at a time; requests made meanwhile collapse into the next
		this.relay = this.requests.asFlux()
			.onBackpressureLatest()
			.concatMap((always) -> publish(always).onErrorResume(this::failed), 1)
			.subscribe();
	}

	/** Called after an append committed. */
	void appended() {
		request(false);
	}

	@Scheduled(fixedDelayString = "${xorstack.audit.head-interval:1m}")
	void scheduled() {
		if (this.keys.development()) {
			logger.error(AuditChainKeys.DEVELOPMENT_WARNING);
		}
		request(true);
	}

	@Override
	public void destroy() {
		this.relay.dispose();
	}

	private void request(boolean always) {
		this.requests.emitNext(always, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(1)));
	}

	private Mono<Void> publish(boolean always) {
		return lastPublished()
			.flatMap((last) -> this.rows.newest().flatMap((tip) -> extendsLast(last, tip).flatMap((extending) -> {
				if (!extending) {
					logger.error(
							"Audit chain head not published: the database no longer holds the head anchored at"
									+ " seq {} (hash {}), newest row now seq {}. Rows were cut off or rewritten;"
									+ " GET /api/admin/audit/verify names the first bad entry",
							last.map(AuditChainHead::seq).orElse(null), last.map(AuditChainHead::hash).orElse(null),
							tip.seq());
					return Mono.empty();
				}
				boolean same = last.isPresent() && last.get().seq() == tip.seq();
				return (same && !always) ? Mono.empty() : send(tip, last.map(AuditChainHead::keyedSince));
			})));
	}

	private Mono<Boolean> extendsLast(Optional<AuditChainHead> last, AuditChainHead.Tip tip) {
		if (last.isEmpty()) {
			return Mono.just(true);
		}
		AuditChainHead head = last.get();
		if (tip.seq() < head.seq()) {
			return Mono.just(false);
		}
		return this.rows.hashAt(head.seq())
			.map(head.hash()::equals)
			.switchIfEmpty(Mono.defer(() -> expiredThrough(head.seq())));
	}

	/**
	 * Whether retention dropped the row at {@code seq}: the newest anchor, signed with
	 * the chain key, covers it. A head in an expired month is no sign of tampering.
	 */
	private Mono<Boolean> expiredThrough(long seq) {
		return this.rows.anchors()
			.last()
			.map((anchor) -> anchor.problem(this.keys) == null && anchor.lastSeq() != null && anchor.lastSeq() >= seq)
			.defaultIfEmpty(false);
	}

	private Mono<Void> send(AuditChainHead.Tip tip, Optional<Long> keyedSince) {
		Mono<Optional<Long>> since = keyedSince.isPresent() ? Mono.just(keyedSince)
				: this.rows.firstKeyedSeq().map(Optional::of).defaultIfEmpty(Optional.empty());
		return since.flatMap((first) -> {
			AuditChainHead head = AuditChainHead.signed(tip, first.orElse(null), this.clock.instant(), this.keys);
			OutgoingEvent event = new OutgoingEvent(UUID.randomUUID(), EventTypes.AUDIT_CHAIN_HEAD,
					URI.create(AuditLog.SOURCE), head.publishedAt().atOffset(ZoneOffset.UTC),
					this.properties.chainHeadTopic(), AuditChainHeads.KEY, this.json.writeValueAsBytes(head.data()));
			return Mono.fromFuture(() -> this.kafka.send(CloudEventRecords.toRecord(event)))
				.doOnNext((sent) -> this.lastPublished = Optional.of(head))
				.then();
		});
	}

	/** The head this instance published last, read from the topic the first time. */
	private Mono<Optional<AuditChainHead>> lastPublished() {
		Optional<AuditChainHead> known = this.lastPublished;
		if (known != null) {
			return Mono.just(known);
		}
		return this.heads.newest()
			.filter((head) -> head.signatureValid(this.keys))
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.doOnNext((head) -> this.lastPublished = head);
	}

	private Mono<Void> failed(Throwable ex) {
		logger.warn("Audit chain head not published; tried again after the next append or in {}: {}",
				this.properties.headInterval(), ex.toString());
		return Mono.empty();
	}

}
