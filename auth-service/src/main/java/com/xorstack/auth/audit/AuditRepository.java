package com.xorstack.auth.audit;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;

import com.xorstack.platform.web.Cursors;

@Repository
class AuditRepository {

	/**
	 * Serialises appends across threads and instances until the appending transaction
	 * ends, so that each row links to the one committed before it.
	 */
	private static final long CHAIN_LOCK = 0x0a0d_17_c4a1L;

	private static final String COLUMNS = "id, occurred_at, recorded_at, actor, action, target, source, event_id,"
			+ " details, chain_version, prev_hash, hash";

	private static final String SELECTED = "seq, " + COLUMNS;

	private final DatabaseClient db;

	AuditRepository(DatabaseClient db) {
		this.db = db;
	}

	/** Call inside a transaction; the lock is held until it ends. */
	Mono<Void> lockChain() {
		return this.db.sql("select pg_advisory_xact_lock(:lock)").bind("lock", CHAIN_LOCK).then();
	}

	/** The hash the next row links to: the newest row's, or where retention left it. */
	Mono<String> lastHash() {
		return this.db.sql("select hash from audit_log order by seq desc limit 1")
			.map((row) -> row.get("hash", String.class))
			.one()
			.switchIfEmpty(anchorHash());
	}

	/**
	 * Where the chain starts: the hash of the last row retention dropped, or the genesis
	 * hash while nothing expired.
	 */
	Mono<String> anchorHash() {
		return this.db.sql("select last_hash from audit_anchor order by seq desc limit 1")
			.map((row) -> row.get("last_hash", String.class))
			.one()
			.defaultIfEmpty(AuditRow.GENESIS);
	}

	/** Every anchor retention left, oldest first. */
	Flux<AuditAnchor> anchors() {
		return this.db
			.sql("select seq, partition_name, range_end, rows_dropped, last_seq, last_hash, chain_version, signature"
					+ " from audit_anchor order by seq")
			.map((row) -> new AuditAnchor(row.get("seq", Long.class), row.get("partition_name", String.class),
					row.get("range_end", OffsetDateTime.class).toInstant(), row.get("rows_dropped", Long.class),
					row.get("last_seq", Long.class), row.get("last_hash", String.class),
					row.get("chain_version", Integer.class), row.get("signature", String.class)))
			.all();
	}

	Mono<Boolean> containsEvent(String eventId) {
		return this.db.sql("select count(*) as n from audit_log where event_id = :id")
			.bind("id", eventId)
			.map((row) -> row.get("n", Long.class))
			.one()
			.map((count) -> count > 0);
	}

	Mono<Void> insert(AuditRow row) {
		return this.db
			.sql("insert into audit_log (" + COLUMNS + ") values (:id, :occurredAt, :recordedAt, :actor,"
					+ " :action, :target, :source, :eventId, :details, :chainVersion, :prevHash, :hash)")
			.bind("id", row.id())
			.bind("occurredAt", row.occurredAt().atOffset(ZoneOffset.UTC))
			.bind("recordedAt", row.recordedAt().atOffset(ZoneOffset.UTC))
			.bind("actor", row.actor())
			.bind("action", row.action())
			.bind("target", row.target())
			.bind("source", row.source())
			.bind("eventId", Parameter.fromOrEmpty(row.eventId(), String.class))
			.bind("details", row.details())
			.bind("chainVersion", (short) row.chainVersion())
			.bind("prevHash", row.prevHash())
			.bind("hash", row.hash())
			.then();
	}

	/** Every row in chain order, for verification. */
	Flux<AuditRow> inChainOrder() {
		return this.db.sql("select " + SELECTED + " from audit_log order by seq").map(AuditRow::of).all();
	}

	/** The newest row, the head of the chain; empty while the log is. */
	Mono<AuditChainHead.Tip> newest() {
		return this.db.sql("select seq, id, hash, chain_version from audit_log order by seq desc limit 1")
			.map((row) -> new AuditChainHead.Tip(row.get("seq", Long.class), row.get("id", UUID.class),
					row.get("hash", String.class), ((Number) row.get("chain_version")).intValue()))
			.one();
	}

	/** The stored hash of the row with this seq; empty when there is none. */
	Mono<String> hashAt(long seq) {
		return this.db.sql("select hash from audit_log where seq = :seq")
			.bind("seq", seq)
			.map((row) -> row.get("hash", String.class))
			.one();
	}

	/** The seq of the first keyed row; empty while there is none. */
	Mono<Long> firstKeyedSeq() {
		return this.db.sql("select min(seq) as seq from audit_log where chain_version >= 2")
			.map((row) -> Optional.ofNullable(row.get("seq", Long.class)))
			.one()
			.flatMap(Mono::justOrEmpty);
	}

	/** Newest first, after the cursor position, matching every filter given. */
	Flux<AuditRow> find(AuditQuery query, int limit) {
		StringBuilder sql = new StringBuilder("select " + SELECTED + " from audit_log where true");
		Map<String, Object> values = new LinkedHashMap<>();
		where(sql, values, "actor = :actor", "actor", query.actor());
		where(sql, values, "action = :action", "action", query.action());
		where(sql, values, "target = :target", "target", query.target());
		where(sql, values, "occurred_at >= :from", "from", utc(query.from()));
		where(sql, values, "occurred_at < :to", "to", utc(query.to()));
		Cursors.Position after = query.after();
		if (after != null) {
			where(sql, values, "(occurred_at, id) < (:afterTime, :afterId)", "afterTime", utc(after.time()));
			values.put("afterId", after.id());
		}
		sql.append(" order by occurred_at desc, id desc limit :limit");
		values.put("limit", limit);
		GenericExecuteSpec spec = this.db.sql(sql.toString());
		for (Map.Entry<String, Object> value : values.entrySet()) {
			spec = spec.bind(value.getKey(), value.getValue());
		}
		return spec.map(AuditRow::of).all();
	}

	private static void where(StringBuilder sql, Map<String, Object> values, String condition, String name,
			@Nullable Object value) {
		if (value != null) {
			sql.append(" and ").append(condition);
			values.put(name, value);
		}
	}

	private static @Nullable Object utc(@Nullable Instant time) {
		return (time != null) ? time.atOffset(ZoneOffset.UTC) : null;
	}

}
