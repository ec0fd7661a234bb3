package com.xorstack.auth.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Service;
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

	AuditLog(AuditRepository rows, AuditPartitions partitions, TransactionalOperator transactions, JsonMapper json,
			Clock clock) {
		this.rows = rows;
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

	Mono<AuditVerification> verify() {
		return Mono.defer(() -> {
			return this.rows.anchorHash().flatMap((start) -> {
				AuditVerification.Walk walk = new AuditVerification.Walk(start);
				return this.rows.inChainOrder().takeWhile(walk::accept).then(Mono.fromSupplier(walk::result));
			});
		});
	}

	private Mono<Void> append(@Nullable String eventId, String source, String actor, String action, String target,
			Instant occurredAt, Map<String, ?> details) {
		String detailsJson = this.json.writeValueAsString(details);
		Mono<Void> appended = this.rows.lockChain()
			.then(Mono.fromSupplier(this::now))
			.flatMap((recordedAt) -> this.partitions.ensureFor(recordedAt)
				.then(this.rows.lastHash())
				.map((prev) -> AuditRow.chained(prev, UUID.randomUUID(), occurredAt, recordedAt, actor, action, target,
						source, eventId, detailsJson))
				.flatMap(this.rows::insert));
		return this.transactions.transactional(appended);
	}

	private AuditEntry entry(AuditRow row) {
		return new AuditEntry(row.id(), row.occurredAt(), row.recordedAt(), row.actor(), row.action(), row.target(),
				row.source(), row.eventId(), this.json.readTree(row.details()), row.prevHash(), row.hash());
	}

	private Instant now() {
		return this.clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

}
