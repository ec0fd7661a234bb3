package com.xorstack.metrics.alerting;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * One state row per alert instance (a rule and a group key: the value of its
 * {@code groupBy} label, {@code ""} without one). A rule's rows are locked together for
 * its evaluation; a change moves the row to the next {@code transition_seq}, which the
 * history's unique key holds, so a second writer of the same change fails instead of
 * recording (and sending) it twice. A new instance continues the sequence of its history,
 * so an instance whose quiet row was pruned can come back without reusing a number.
 */
@Repository
class AlertStates {

	static final String INACTIVE = "inactive";

	static final String PENDING = "pending";

	static final String FIRING = "firing";

	static final String RESOLVED = "resolved";

	static final String UNGROUPED = "";

	private final DatabaseClient db;

	AlertStates(DatabaseClient db) {
		this.db = db;
	}

	/**
	 * Locks and answers every instance of the rule (making the one of an ungrouped rule).
	 */
	Mono<Map<String, State>> lock(AlertRule rule, Instant now) {
		Mono<?> ensured = (rule.groupBy() == null) ? create(rule.id(), UNGROUPED, now).then() : Mono.empty();
		return ensured.then(this.db
			.sql("select group_key, state, since, transition_seq from alert_state where rule_id = :rule"
					+ " order by group_key for update")
			.bind("rule", rule.id())
			.map((row) -> Map.entry(row.get("group_key", String.class), state(row)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	/** The rule's tracked instances as they are now, by group key. */
	Flux<Instance> instances(AlertRule rule) {
		return this.db
			.sql("select group_key, state, since, last_value, evaluated_at, notified_state from alert_state"
					+ " where rule_id = :rule order by group_key")
			.bind("rule", rule.id())
			.map((row) -> new Instance(rule.instanceLabels(row.get("group_key", String.class)),
					row.get("state", String.class), row.get("since", OffsetDateTime.class).toInstant(),
					row.get("last_value", Double.class), row.get("evaluated_at", OffsetDateTime.class).toInstant(),
					row.get("notified_state", String.class)))
			.all();
	}

	/** Makes an inactive instance; answers it, or nothing when it exists. */
	Mono<State> create(UUID rule, String key, Instant now) {
		return this.db
			.sql("insert into alert_state (rule_id, group_key, state, since, evaluated_at, transition_seq)"
					+ " values (:rule, :group, 'inactive', :now, :now, (select coalesce(max(transition_seq), 0)"
					+ " from alert_history where rule_id = :rule and group_key = :group)) on conflict do nothing"
					+ " returning group_key, state, since, transition_seq")
			.bind("rule", rule)
			.bind("group", key)
			.bind("now", at(now))
			.map(AlertStates::state)
			.one();
	}

	/** Records the latest values of instances that did not change. */
	Mono<Void> touch(UUID rule, Map<String, @Nullable Double> values, Instant now) {
		if (values.isEmpty()) {
			return Mono.empty();
		}
		List<String> keys = List.copyOf(values.keySet());
		return this.db
			.sql("update alert_state s set last_value = cast(nullif(u.value, '') as double precision),"
					+ " evaluated_at = :now from unnest(cast(:keys as text[]), cast(:values as text[])) as u(k, value)"
					+ " where s.rule_id = :rule and s.group_key = u.k")
			.bind("rule", rule)
			.bind("now", at(now))
			.bind("keys", keys.toArray(String[]::new))
			.bind("values", keys.stream().map((key) -> {
				Double value = values.get(key);
				return (value != null) ? value.toString() : "";
			}).toArray(String[]::new))
			.then();
	}

	/** Forgets quiet instances (nothing breached, nothing left to tell the receivers). */
	Mono<Void> prune(UUID rule, Collection<String> keys) {
		if (keys.isEmpty()) {
			return Mono.empty();
		}
		return this.db
			.sql("delete from alert_state where rule_id = :rule and group_key = any(cast(:keys as text[]))"
					+ " and state in ('inactive', 'resolved')"
					+ " and coalesce(last_change, 'resolved') = coalesce(notified_state, 'resolved')")
			.bind("rule", rule)
			.bind("keys", keys.toArray(String[]::new))
			.then();
	}

	/** Moves the instance on; answers whether it moved (it had not changed meanwhile). */
	Mono<Boolean> move(UUID rule, String key, State from, String to, @Nullable Double value, Instant now) {
		DatabaseClient.GenericExecuteSpec spec = this.db
			.sql("update alert_state set state = :to, since = :now, evaluated_at = :now, transition_seq = :seq,"
					+ " last_value = :value where rule_id = :rule and group_key = :group"
					+ " and transition_seq = :previous")
			.bind("to", to)
			.bind("now", at(now))
			.bind("seq", from.seq() + 1)
			.bind("rule", rule)
			.bind("group", key)
			.bind("previous", from.seq());
		spec = (value != null) ? spec.bind("value", value) : spec.bindNull("value", Double.class);
		return spec.fetch().rowsUpdated().map((rows) -> rows == 1);
	}

	/** Notes the instance's latest change to firing or resolved. */
	Mono<Void> changed(UUID rule, String key, String to, long history) {
		return this.db
			.sql("update alert_state set last_change = :to, last_history_id = :history"
					+ " where rule_id = :rule and group_key = :group")
			.bind("to", to)
			.bind("history", history)
			.bind("rule", rule)
			.bind("group", key)
			.then();
	}

	private static State state(Readable row) {
		return new State(row.get("state", String.class), row.get("since", OffsetDateTime.class).toInstant(),
				row.get("transition_seq", Long.class));
	}

	static OffsetDateTime at(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	/**
	 * An instance as the API shows it: {@code notified} is what its receivers were last
	 * told (firing or resolved), absent when nothing yet.
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Instance(Map<String, String> labels, String state, Instant since, @Nullable Double value,
			Instant evaluatedAt, @Nullable String notified) {
	}

	record State(String state, Instant since, long seq) {

		static State inactive(Instant now) {
			return new State(INACTIVE, now, 0);
		}

	}

}
