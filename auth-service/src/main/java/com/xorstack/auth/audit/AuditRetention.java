package com.xorstack.auth.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Keeps monthly partitions of the audit log ready ahead and drops whole months once they
 * are past retention. Before a month goes it is archived to object storage and read back
 * ({@link AuditArchiver}); then an anchor records the hash its last row left for the
 * chain, and the drop itself is audited, all in one transaction under the chain lock:
 * either the month is gone, archived and anchored, or nothing happened. A month whose
 * archive fails stays, and so do the months after it.
 */
@Service
class AuditRetention {

	private static final Logger logger = LoggerFactory.getLogger(AuditRetention.class);

	static final String EXPIRED_ACTION = "audit.partition-expired";

	private final AuditPartitions partitions;

	private final AuditRepository rows;

	private final AuditLog audit;

	private final DatabaseClient db;

	private final TransactionalOperator transactions;

	private final AuditProperties properties;

	private final Clock clock;

	private final AuditChainKeys keys;

	private final AuditArchiver archiver;

	AuditRetention(AuditPartitions partitions, AuditRepository rows, AuditLog audit, DatabaseClient db,
			TransactionalOperator transactions, AuditProperties properties, Clock clock, AuditChainKeys keys,
			AuditArchiver archiver) {
		this.archiver = archiver;
		this.partitions = partitions;
		this.rows = rows;
		this.audit = audit;
		this.db = db;
		this.transactions = transactions;
		this.properties = properties;
		this.clock = clock;
		this.keys = keys;
	}

	@EventListener(ApplicationReadyEvent.class)
	@Scheduled(initialDelayString = "${xorstack.audit.maintenance-interval:6h}",
			fixedDelayString = "${xorstack.audit.maintenance-interval:6h}")
	void maintain() {
		Instant now = this.clock.instant();
		createAhead(now).then(expire(now))
			.doOnNext((dropped) -> dropped
				.forEach((month) -> logger.info("Audit log: month {} expired and its partition dropped", month)))
			.onErrorResume((ex) -> {
				logger.warn("Audit log maintenance failed; it runs again in {}: {}",
						this.properties.maintenanceInterval(), ex.toString());
				return Mono.empty();
			})
			.block();
	}

	Mono<Void> createAhead(Instant now) {
		YearMonth current = AuditPartitions.monthOf(now);
		return Flux.range(0, this.properties.monthsAhead() + 1)
			.concatMap((i) -> this.partitions.ensure(current.plusMonths(i)))
			.then();
	}

	/**
	 * Drops, oldest first, every month whose last instant is older than the retention;
	 * answers the months dropped.
	 */
	Mono<List<YearMonth>> expire(Instant now) {
		Instant cutoff = now.atOffset(ZoneOffset.UTC).minus(this.properties.retention()).toInstant();
		return this.partitions.oldestFirst()
			.takeWhile((month) -> !end(month).isAfter(cutoff))
			.collectList()
			.doOnNext((expired) -> this.archiver.metrics().overdue(expired.size()))
			.flatMapMany(Flux::fromIterable)
			.concatMap((month) -> archive(month)
				.flatMap((archived) -> this.transactions.transactional(dropAnchored(month, archived.rowCount())))
				.thenReturn(month))
			.collectList();
	}

	/** Off the event loop: the archiver reads the month and uploads it blocking. */
	private Mono<AuditArchiveManifest> archive(YearMonth month) {
		return Mono.fromCallable(() -> this.archiver.archive(month)).subscribeOn(Schedulers.boundedElastic());
	}

	private Mono<Void> dropAnchored(YearMonth month, long archivedRows) {
		return this.rows.lockChain()
			.then(this.partitions.count(month))
			.filter((count) -> count == archivedRows)
			.switchIfEmpty(Mono.error(() -> new IllegalStateException(
					AuditPartitions.nameOf(month) + " changed after it was archived; it stays for the next run")))
			.flatMap((count) -> this.partitions.last(month)
				.map((last) -> new Anchor(month, count, last.seq(), last.hash()))
				// an empty month leaves the chain where the last anchor left it
				.switchIfEmpty(this.rows.anchorHash().map((hash) -> new Anchor(month, count, null, hash))))
			.flatMap((anchor) -> writeAnchor(anchor).then(this.partitions.drop(month))
				.then(this.audit.record("auth-service", EXPIRED_ACTION, "audit_log/" + month,
						Map.of("rowsDropped", anchor.rows(), "lastHash", anchor.lastHash(), "retention",
								this.properties.retention().toString()))));
	}

	private Mono<Void> writeAnchor(Anchor anchor) {
		int version = this.keys.currentVersion();
		AuditAnchor signed = new AuditAnchor(0, AuditPartitions.nameOf(anchor.month()), end(anchor.month()),
				anchor.rows(), anchor.lastSeq(), anchor.lastHash(), version, null);
		return this.db.sql("insert into audit_anchor (partition_name, range_end, rows_dropped, last_seq, last_hash,"
				+ " chain_version, signature) values (:name, :end, :rows, :lastSeq, :lastHash, :version, :signature)")
			.bind("name", signed.partitionName())
			.bind("end", signed.rangeEnd().atOffset(ZoneOffset.UTC))
			.bind("rows", signed.rowsDropped())
			.bind("lastSeq", Parameter.fromOrEmpty(signed.lastSeq(), Long.class))
			.bind("lastHash", signed.lastHash())
			.bind("version", version)
			.bind("signature", signed.sign(this.keys))
			.then();
	}

	private static Instant end(YearMonth month) {
		return month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC);
	}

	private record Anchor(YearMonth month, long rows, @Nullable Long lastSeq, String lastHash) {
	}

}
