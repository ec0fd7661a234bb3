package com.xorstack.metrics.alerting;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/** The rules table; labels and receivers are JSON columns. */
@Repository
class AlertRuleRepository {

	private static final String COLUMNS = "id, name, metric, labels::text as labels, group_by, operator, threshold,"
			+ " window_seconds, for_seconds, severity, receivers::text as receivers, version, created_by,"
			+ " created_at, updated_at";

	private final DatabaseClient db;

	private final JsonMapper json;

	AlertRuleRepository(DatabaseClient db, JsonMapper json) {
		this.db = db;
		this.json = json;
	}

	Flux<AlertRule> findAll() {
		return this.db.sql("select " + COLUMNS + " from alert_rules order by name").map(this::rule).all();
	}

	Mono<AlertRule> find(UUID id) {
		return this.db.sql("select " + COLUMNS + " from alert_rules where id = :id")
			.bind("id", id)
			.map(this::rule)
			.one();
	}

	Mono<Boolean> nameTaken(String name, UUID except) {
		return this.db.sql("select count(*) as n from alert_rules where name = :name and id <> :id")
			.bind("name", name)
			.bind("id", except)
			.map((row) -> row.get("n", Long.class) > 0)
			.one();
	}

	Mono<AlertRule> insert(RuleRequest rule, String by, Instant now) {
		UUID id = UUID.randomUUID();
		return bindAll(this.db.sql("insert into alert_rules (id, name, metric, labels, group_by, operator, threshold,"
				+ " window_seconds, for_seconds, severity, receivers, version, created_by, created_at, updated_at)"
				+ " values (:id, :name, :metric, cast(:labels as jsonb), :groupBy, :operator, :threshold, :window, :for,"
				+ " :severity, cast(:receivers as jsonb), 1, :by, :now, :now)"), rule)
			.bind("id", id)
			.bind("by", by)
			.bind("now", now.atOffset(ZoneOffset.UTC))
			.then()
			.then(find(id));
	}

	/**
	 * Replaces a rule, only at the given version when one is given; answers the rows
	 * changed. Unsent deliveries to a receiver the rule no longer lists are cancelled in
	 * the same statement: removing a receiver stops its traffic at once.
	 */
	Mono<Long> update(UUID id, RuleRequest rule, Integer version, Instant now) {
		return bindAll(this.db.sql("with updated as (update alert_rules set name = :name, metric = :metric,"
				+ " labels = cast(:labels as jsonb), group_by = :groupBy, operator = :operator, threshold = :threshold,"
				+ " window_seconds = :window, for_seconds = :for, severity = :severity,"
				+ " receivers = cast(:receivers as jsonb), version = version + 1, updated_at = :now"
				+ " where id = :id and (:version < 0 or version = :version) returning id, receivers),"
				+ " cancelled as (update notification_deliveries d set status = 'cancelled', claimed_until = null,"
				+ " last_error = 'receiver removed from the rule' from alert_notifications n, updated u"
				+ " where n.id = d.notification_id and n.rule_id = u.id"
				+ " and d.status in ('pending', 'failed', 'sending')"
				+ " and not u.receivers @> jsonb_build_array(d.receiver))"
				+ " select count(*) as updated from updated"), rule)
			.bind("id", id)
			.bind("version", version)
			.bind("now", now.atOffset(ZoneOffset.UTC))
			.map((row) -> row.get("updated", Long.class))
			.one();
	}

	/**
	 * Deletes the rule and, in the same statement, cancels its deliveries not sent yet:
	 * no receiver hears of a rule that is gone. Its history stays.
	 */
	Mono<Long> delete(UUID id) {
		return this.db
			.sql("with deleted as (delete from alert_rules where id = :id returning id),"
					+ " cancelled as (update notification_deliveries d set status = 'cancelled', claimed_until = null,"
					+ " last_error = 'rule deleted' from alert_notifications n, deleted"
					+ " where n.id = d.notification_id and n.rule_id = deleted.id"
					+ " and d.status in ('pending', 'failed', 'sending'))" + " select count(*) as deleted from deleted")
			.bind("id", id)
			.map((row) -> row.get("deleted", Long.class))
			.one();
	}

	private DatabaseClient.GenericExecuteSpec bindAll(DatabaseClient.GenericExecuteSpec spec, RuleRequest rule) {
		spec = (rule.groupBy() != null) ? spec.bind("groupBy", rule.groupBy()) : spec.bindNull("groupBy", String.class);
		return spec.bind("name", rule.name())
			.bind("metric", rule.metric())
			.bind("labels", this.json.writeValueAsString(rule.labels()))
			.bind("operator", rule.operator())
			.bind("threshold", rule.threshold())
			.bind("window", Duration.parse(rule.window()).toSeconds())
			.bind("for", Duration.parse(rule.forDuration()).toSeconds())
			.bind("severity", rule.severity())
			.bind("receivers", this.json.writeValueAsString(rule.receivers()));
	}

	private AlertRule rule(Readable row) {
		return new AlertRule(row.get("id", UUID.class), row.get("name", String.class), row.get("metric", String.class),
				this.json.readValue(row.get("labels", String.class), new TypeReference<Map<String, String>>() {
				}), row.get("group_by", String.class), row.get("operator", String.class),
				row.get("threshold", Double.class),
				Duration.ofSeconds(row.get("window_seconds", Long.class)).toString(),
				Duration.ofSeconds(row.get("for_seconds", Long.class)).toString(), row.get("severity", String.class),
				this.json.readValue(row.get("receivers", String.class), new TypeReference<List<Receiver>>() {
				}), row.get("version", Integer.class), row.get("created_by", String.class),
				row.get("created_at", OffsetDateTime.class).toInstant(),
				row.get("updated_at", OffsetDateTime.class).toInstant());
	}

}
