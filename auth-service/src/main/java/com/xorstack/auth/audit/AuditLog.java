package com.xorstack.auth.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
import org.springframework.transaction.NoTransactionException;
import org.springframework.transaction.reactive.TransactionSynchronization;
import org.springframework.transaction.reactive.TransactionSynchronizationManager;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.xorstack.platform.web.Cursors;
import com.xorstack.platform.web.Page;

/**
 * Appends to and reads the audit log. An append joins the caller's transaction when there
 * is one, so that the audit row commits with the change it records, or not at all.
 */
@Service
public class AuditLog {

	/** The {@code source} of rows written by auth-service itself. */
	public static final String SOURCE = "/auth-service";

	private final AuditRepository rows;

	private final TransactionalOperator transactions;

	private final JsonMapper json;

	private final AuditPartitions partitions;

	private final Clock clock;

	private final AuditChainKeys keys;

	private final AuditChainHeads heads;

	private final AuditChainAnchor anchor;

	AuditLog(AuditRepository rows, AuditPartitions partitions, TransactionalOperator transactions, JsonMapper json,
			Clock clock, AuditChainKeys keys, AuditChainHeads heads, AuditChainAnchor anchor) {
		this.rows = rows;
		this.keys = keys;
		this.heads = heads;
		this.anchor = anchor;
		this.partitions = partitions;
		this.transactions = transactions;
		this.json = json;
		this.clock = clock;
	}

	/** Records an action taken by auth-service on behalf of {@code actor}. */
	public Mono<Void> record(String actor, String action, String target, Map<String, ?> details) {
		return append(null, SOURCE, actor, action, target, now(), details);
	}

	/**
	 * Records an action another service reported; answers false when the event was
	 * recorded before (a redelivery).
	 */
	Mono<Boolean> recordEvent(String eventId, String source, AuditRecorded event) {
		Mono<Boolean> once = this.rows.lockChain()
			.then(this.rows.containsEvent(eventId))
			.flatMap(
					(seen) -> seen ? Mono.just(false)
							: append(eventId, source, event.actor(), event.action(), event.target(),
									event.at().truncatedTo(ChronoUnit.MICROS), event.detailsOrEmpty())
								.thenReturn(true));
		return this.transactions.transactional(once);
	}

	Mono<Page<AuditEntry>> find(AuditQuery query, int limit) {
		return this.rows.find(query, limit + 1)
			.map(this::entry)
			.collectList()
			.map((found) -> Page.of(found, limit, (last) -> Cursors.encode(last.at(), last.id())));
	}

	/**
	 * Reads the anchored head before the rows: a head is published only after its row
	 * committed, so every head read is in the rows read after it.
	 */
	Mono<AuditVerification> verify() {
		return Mono.defer(this::verifyOnce);
	}

	private Mono<AuditVerification> verifyOnce() {
		List<String> warnings = new ArrayList<>();
		if (this.keys.development()) {
			warnings.add(AuditChainKeys.DEVELOPMENT_WARNING);
		}
		Mono<Optional<AuditChainHead>> head = this.heads.newest()
			.map(Optional::of)
			.defaultIfEmpty(Optional.empty())
			.onErrorResume((ex) -> {
				warnings.add("The anchored head could not be read: " + ex.getMessage());
				return Mono.just(Optional.empty());
			});
		return head.flatMap((anchored) -> this.rows.anchors().collectList().flatMap((anchors) -> {
			for (AuditAnchor anchor : anchors) {
				String problem = anchor.problem(this.keys);
				if (problem != null) {
					// a forged anchor would let the rows before it go unnoticed
					return Mono.just(new AuditVerification(
							false, 0, null, null, null, "Retention anchor seq " + anchor.seq() + " (partition "
									+ anchor.partitionName() + ") " + problem,
							anchored.orElse(null), List.copyOf(warnings)));
				}
			}
			AuditAnchor newest = anchors.isEmpty() ? null : anchors.get(anchors.size() - 1);
			String start = (newest != null) ? newest.lastHash() : AuditRow.GENESIS;
			AuditVerification.Walk walk = new AuditVerification.Walk(start, this.keys, anchored.orElse(null),
					(newest != null) ? newest.lastSeq() : null);
			warnings.forEach(walk::warn);
			return this.rows.inChainOrder().takeWhile(walk::accept).then(Mono.fromSupplier(walk::result));
		}));
	}

	private Mono<Void> append(@Nullable String eventId, String source, String actor, String action, String target,
			Instant occurredAt, Map<String, ?> details) {
		String detailsJson = this.json.writeValueAsString(details);
		Mono<Void> appended = this.rows.lockChain()
			.then(Mono.fromSupplier(this::now))
			.flatMap((recordedAt) -> this.partitions.ensureFor(recordedAt)
				.then(this.rows.lastHash())
				.map((prev) -> AuditRow.chained(this.keys, prev, UUID.randomUUID(), occurredAt, recordedAt, actor,
						action, target, source, eventId, detailsJson))
				.flatMap(this.rows::insert))
			.then(afterCommit(this.anchor::appended));
		return this.transactions.transactional(appended);
	}

	/**
	 * Runs the task once the transaction commits; the anchor reads only committed rows.
	 */
	private static Mono<Void> afterCommit(Runnable task) {
		return TransactionSynchronizationManager.forCurrentTransaction()
			.doOnNext((transaction) -> transaction.registerSynchronization(new TransactionSynchronization() {

				@Override
				public Mono<Void> afterCommit() {
					return Mono.fromRunnable(task);
				}

			}))
			.then()
			.onErrorResume(NoTransactionException.class, (ex) -> Mono.fromRunnable(task));
	}

	private AuditEntry entry(AuditRow row) {
		return new AuditEntry(row.id(), row.occurredAt(), row.recordedAt(), row.actor(), row.action(), row.target(),
				row.source(), row.eventId(), this.json.readTree(row.details()), row.chainVersion(), row.prevHash(),
				row.hash());
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
