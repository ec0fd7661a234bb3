package com.xorstack.metrics.alerting;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
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

/**
 * Reads the alert history, each change with the deliveries of the notification that sent
 * it, and records acknowledgements.
 */
@Repository
class AlertHistory {

	private static final String COLUMNS = "id, rule_id, rule_name, transition_seq, from_state, to_state, value,"
			+ " threshold, metric, severity, labels::text as labels, at, silenced_by, notification_id, ack_by, ack_at";

	/** What became of the notification's deliveries: sent, still trying, given up. */
	private static final String DELIVERIES = ", (select json_agg(json_build_object('receiver', d.receiver, 'status',"
			+ " d.status, 'attempts', d.attempts, 'lastError', d.last_error, 'sentAt',"
			+ " to_char(d.sent_at at time zone 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')) order by d.id)"
			+ " from notification_deliveries d where d.notification_id = alert_history.notification_id)::text"
			+ " as deliveries";

	/**
	 * A request to look at when an API rule starts pending or firing: the slowest traced
	 * request (for an error rule, an answered 5xx first) of the rule's route in the 15
	 * minutes before the change, from the slowest requests kept a day (traffic's
	 * slow_request); none for other metrics or once those are gone.
	 */
	private static final String TRACE = ", (select s.trace_id from slow_request s where alert_history.metric like 'api.%'"
			+ " and alert_history.to_state in ('pending', 'firing')"
			+ " and s.at > alert_history.at - interval '15 minutes' and s.at <= alert_history.at"
			+ " and (alert_history.labels->>'route' is null or s.route = alert_history.labels->>'route')"
			+ " order by case when alert_history.metric like 'api.error%' and s.status >= 500 then 0 else 1 end,"
			+ " s.duration_ms desc limit 1) as trace_id";

	private static final TypeReference<List<Alert.Delivery>> DELIVERY_LIST = new TypeReference<>() {
	};

	private final DatabaseClient db;

	private final JsonMapper json;

	AlertHistory(DatabaseClient db, JsonMapper json) {
		this.db = db;
		this.json = json;
	}

	Mono<Alert> find(long id) {
		return this.db.sql("select " + COLUMNS + DELIVERIES + TRACE + " from alert_history where id = :id")
			.bind("id", id)
			.map(this::withDeliveries)
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
		StringBuilder sql = new StringBuilder(
				"select " + COLUMNS + DELIVERIES + TRACE + " from alert_history where id < :before");
		sql.append((state != null) ? " and to_state = :state" : "");
		sql.append((rule != null) ? " and rule_id = :rule" : "");
		sql.append(" order by id desc limit :limit");
		DatabaseClient.GenericExecuteSpec spec = this.db.sql(sql.toString())
			.bind("before", before)
			.bind("limit", limit);
		spec = (state != null) ? spec.bind("state", state) : spec;
		spec = (rule != null) ? spec.bind("rule", rule) : spec;
		return spec.map(this::withDeliveries).all();
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
		return toAlert(row, null, null);
	}

	/**
	 * As the API shows it: with the deliveries of its notification, if any, and a trace
	 * to look at.
	 */
	private Alert withDeliveries(Readable row) {
		String deliveries = row.get("deliveries", String.class);
		return toAlert(row, (deliveries != null) ? this.json.readValue(deliveries, DELIVERY_LIST) : null,
				row.get("trace_id", String.class));
	}

	private Alert toAlert(Readable row, @Nullable List<Alert.Delivery> deliveries, @Nullable String traceId) {
		OffsetDateTime ackAt = row.get("ack_at", OffsetDateTime.class);
		return new Alert(row.get("id", Long.class), row.get("rule_id", UUID.class), row.get("rule_name", String.class),
				row.get("transition_seq", Long.class), row.get("from_state", String.class),
				row.get("to_state", String.class), row.get("value", Double.class), row.get("threshold", Double.class),
				row.get("metric", String.class), row.get("severity", String.class),
				this.json.readValue(row.get("labels", String.class), new TypeReference<Map<String, String>>() {
				}), row.get("at", OffsetDateTime.class).toInstant(), row.get("silenced_by", UUID.class),
				row.get("notification_id", Long.class), row.get("ack_by", String.class),
				(ackAt != null) ? ackAt.toInstant() : null, deliveries, traceId);
	}

}
