package com.xorstack.metrics.alerting;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** Reads the alert history and records acknowledgements. */
@Repository
class AlertHistory {

	private static final String COLUMNS = "id, rule_id, rule_name, transition_seq, from_state, to_state, value,"
			+ " threshold, metric, severity, labels::text as labels, at, silenced_by, notification_id, ack_by, ack_at";

	private final DatabaseClient db;

	private final JsonMapper json;

	AlertHistory(DatabaseClient db, JsonMapper json) {
		this.db = db;
		this.json = json;
	}

	Mono<Alert> find(long id) {
		return this.db.sql("select " + COLUMNS + " from alert_history where id = :id")
			.bind("id", id)
			.map(this::alert)
			.one();
	}

	/** The changes one notification sends, in the order they happened. */
	Flux<Alert> notified(long notification) {
		return this.db
			.sql("select " + COLUMNS + " from alert_history where notification_id = :notification order by id")
			.bind("notification", notification)
			.map(this::alert)
			.all();
	}

	/** Newest first, before the id {@code before} when given. */
	Flux<Alert> list(@Nullable String state, @Nullable UUID rule, long before, int limit) {
		StringBuilder sql = new StringBuilder("select " + COLUMNS + " from alert_history where id < :before");
		sql.append((state != null) ? " and to_state = :state" : "");
		sql.append((rule != null) ? " and rule_id = :rule" : "");
		sql.append(" order by id desc limit :limit");
		DatabaseClient.GenericExecuteSpec spec = this.db.sql(sql.toString())
			.bind("before", before)
			.bind("limit", limit);
		spec = (state != null) ? spec.bind("state", state) : spec;
		spec = (rule != null) ? spec.bind("rule", rule) : spec;
		return spec.map(this::alert).all();
	}

	/** The first acknowledgement stands; a later one changes nothing. */
	Mono<Long> acknowledge(long id, String by, Instant now) {
		return this.db.sql("update alert_history set ack_by = :by, ack_at = :now where id = :id and ack_by is null")
			.bind("by", by)
			.bind("now", now.atOffset(ZoneOffset.UTC))
			.bind("id", id)
			.fetch()
			.rowsUpdated();
	}

	private Alert alert(Readable row) {
		OffsetDateTime ackAt = row.get("ack_at", OffsetDateTime.class);
		return new Alert(row.get("id", Long.class), row.get("rule_id", UUID.class), row.get("rule_name", String.class),
				row.get("transition_seq", Long.class), row.get("from_state", String.class),
				row.get("to_state", String.class), row.get("value", Double.class), row.get("threshold", Double.class),
				row.get("metric", String.class), row.get("severity", String.class),
				this.json.readValue(row.get("labels", String.class), new TypeReference<Map<String, String>>() {
				}), row.get("at", OffsetDateTime.class).toInstant(), row.get("silenced_by", UUID.class),
				row.get("notification_id", Long.class), row.get("ack_by", String.class),
				(ackAt != null) ? ackAt.toInstant() : null);
	}

}
