package com.xorstack.metrics.alerting;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import com.xorstack.platform.events.EventTypes;
import com.xorstack.platform.events.Topics;
import com.xorstack.platform.outbox.Outbox;

/**
 * One state row per rule (all of a rule's notifications form one group, key {@code ""}),
 * and what a change writes: the state with the next {@code transition_seq}, and, for a
 * change to firing or resolved, a history row and one pending delivery per receiver
 * unless a silence matches, and its {@code alerts.events.v1} event in the outbox. The
 * unique keys on the history and deliveries make a second writer of the same change fail
 * instead of sending twice.
 */
@Repository
class AlertStates {

	static final String INACTIVE = "inactive";

	static final String PENDING = "pending";

	static final String FIRING = "firing";

	static final String RESOLVED = "resolved";

	static final String GROUP = "";

	private final DatabaseClient db;

	private final JsonMapper json;

	private final Outbox outbox;

	AlertStates(DatabaseClient db, JsonMapper json, Outbox outbox) {
		this.db = db;
		this.json = json;
		this.outbox = outbox;
	}

	Mono<State> current(UUID rule, Instant now) {
		return this.db
			.sql("insert into alert_state (rule_id, group_key, state, since, evaluated_at, transition_seq)"
					+ " values (:rule, :group, 'inactive', :now, :now, 0) on conflict do nothing")
			.bind("rule", rule)
			.bind("group", GROUP)
			.bind("now", at(now))
			.then()
			.then(this.db
				.sql("select state, since, transition_seq from alert_state"
						+ " where rule_id = :rule and group_key = :group for update")
				.bind("rule", rule)
				.bind("group", GROUP)
				.map((row) -> new State(row.get("state", String.class),
						row.get("since", OffsetDateTime.class).toInstant(), row.get("transition_seq", Long.class)))
				.one());
	}

	Mono<Void> touch(UUID rule, @Nullable Double value, Instant now) {
		DatabaseClient.GenericExecuteSpec spec = this.db
			.sql("update alert_state set last_value = :value, evaluated_at = :now"
					+ " where rule_id = :rule and group_key = :group")
			.bind("rule", rule)
			.bind("group", GROUP)
			.bind("now", at(now));
		return ((value != null) ? spec.bind("value", value) : spec.bindNull("value", Double.class)).then();
	}

	Mono<Void> change(AlertRule rule, State from, String to, @Nullable Double value, Instant now) {
		long seq = from.seq() + 1;
		Mono<Long> moved = this.db
			.sql("update alert_state set state = :to, since = :now, evaluated_at = :now, transition_seq = :seq"
					+ " where rule_id = :rule and group_key = :group and transition_seq = :previous")
			.bind("to", to)
			.bind("now", at(now))
			.bind("seq", seq)
			.bind("rule", rule.id())
			.bind("group", GROUP)
			.bind("previous", from.seq())
			.fetch()
			.rowsUpdated();
		Mono<Void> recorded = (FIRING.equals(to) || RESOLVED.equals(to)) ? record(rule, from, to, value, now, seq)
				: Mono.empty();
		return moved.flatMap((rows) -> (rows == 1) ? recorded : Mono.empty()).then(touch(rule.id(), value, now));
	}

	private Mono<Void> record(AlertRule rule, State from, String to, @Nullable Double value, Instant now, long seq) {
		Map<String, String> labels = new LinkedHashMap<>(rule.labels());
		labels.put("severity", rule.severity());
		labels.put("metric", rule.metric());
		String labelsJson = this.json.writeValueAsString(labels);
		return silence(rule.name(), labelsJson, now).map((id) -> id.toString())
			.defaultIfEmpty("")
			.flatMap((silence) -> insertHistory(rule, from, to, value, now, seq, labelsJson, silence)
				.flatMap((history) -> publish(new AlertStateChanged(history, rule.id(), rule.name(), seq, from.state(),
						to, value, rule.threshold(), rule.metric(), rule.severity(), labels, now, !silence.isEmpty()))
					.then(silence.isEmpty() ? deliveries(rule, history, now) : Mono.empty())));
	}

	private Mono<Void> publish(AlertStateChanged changed) {
		return this.outbox
			.append(Topics.ALERTS_EVENTS, changed.ruleId().toString(), EventTypes.ALERT_STATE_CHANGED, changed)
			.then();
	}

	private Mono<UUID> silence(String rule, String labels, Instant now) {
		return this.db
			.sql("select id from silences where starts_at <= :now and ends_at > :now"
					+ " and (rule_name is null or rule_name = :rule) and cast(:labels as jsonb) @> matchers"
					+ " order by ends_at desc limit 1")
			.bind("now", at(now))
			.bind("rule", rule)
			.bind("labels", labels)
			.map((row) -> row.get("id", UUID.class))
			.one();
	}

	private Mono<Long> insertHistory(AlertRule rule, State from, String to, @Nullable Double value, Instant now,
			long seq, String labels, String silence) {
		DatabaseClient.GenericExecuteSpec spec = this.db.sql("insert into alert_history (rule_id, rule_name,"
				+ " group_key, transition_seq, from_state, to_state, value, threshold, metric, severity, labels, at,"
				+ " silenced_by) values (:rule, :name, :group, :seq, :from, :to, :value, :threshold, :metric,"
				+ " :severity, cast(:labels as jsonb), :now, :silence) returning id")
			.bind("rule", rule.id())
			.bind("name", rule.name())
			.bind("group", GROUP)
			.bind("seq", seq)
			.bind("from", from.state())
			.bind("to", to)
			.bind("threshold", rule.threshold())
			.bind("metric", rule.metric())
			.bind("severity", rule.severity())
			.bind("labels", labels)
			.bind("now", at(now));
		spec = (value != null) ? spec.bind("value", value) : spec.bindNull("value", Double.class);
		spec = silence.isEmpty() ? spec.bindNull("silence", UUID.class)
				: spec.bind("silence", UUID.fromString(silence));
		return spec.map((row) -> row.get("id", Long.class)).one();
	}

	private Mono<Void> deliveries(AlertRule rule, long history, Instant now) {
		return Flux.fromIterable(rule.receivers())
			.concatMap((receiver) -> this.db
				.sql("insert into notification_deliveries (history_id, receiver_key, receiver, status,"
						+ " next_attempt_at) values (:history, :key, cast(:receiver as jsonb), 'pending', :now)"
						+ " on conflict do nothing")
				.bind("history", history)
				.bind("key", receiver.key())
				.bind("receiver", this.json.writeValueAsString(receiver))
				.bind("now", at(now))
				.then())
			.then();
	}

	private static OffsetDateTime at(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

	record State(String state, Instant since, long seq) {
	}

}
