package com.xorstack.metrics.alerting;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import com.xorstack.platform.events.EventTypes;
import com.xorstack.platform.events.Topics;
import com.xorstack.platform.outbox.Outbox;

/**
 * Records a change of an alert instance: its state row, a history row and its
 * {@code alerts.events.v1} event (every change, pending and inactive too). A change to
 * firing or resolved that a silence matches when it happens is stored with
 * {@code silencedBy}; whether and when a change is sent is up to
 * {@link AlertNotifications}.
 */
@Repository
class AlertChanges {

	private final AlertStates states;

	private final DatabaseClient db;

	private final JsonMapper json;

	private final Outbox outbox;

	AlertChanges(AlertStates states, DatabaseClient db, JsonMapper json, Outbox outbox) {
		this.states = states;
		this.db = db;
		this.json = json;
		this.outbox = outbox;
	}

	Mono<Void> change(AlertRule rule, String key, AlertStates.State from, String to, @Nullable Double value,
			Instant now) {
		return this.states.move(rule.id(), key, from, to, value, now)
			.filter(Boolean::booleanValue)
			.flatMap((moved) -> record(rule, key, from, to, value, now));
	}

	private Mono<Void> record(AlertRule rule, String key, AlertStates.State from, String to, @Nullable Double value,
			Instant now) {
		Map<String, String> labels = rule.instanceLabels(key);
		String labelsJson = this.json.writeValueAsString(labels);
		boolean notifiable = AlertStates.FIRING.equals(to) || AlertStates.RESOLVED.equals(to);
		long seq = from.seq() + 1;
		Mono<String> silence = notifiable ? silence(rule.name(), labelsJson, now).map(UUID::toString) : Mono.empty();
		return silence.defaultIfEmpty("")
			.flatMap((silencedBy) -> insertHistory(rule, key, from, to, value, now, seq, labelsJson, silencedBy)
				.flatMap((history) -> publish(
						new AlertStateChanged(history, rule.id(), rule.name(), seq, from.state(), to, value,
								rule.threshold(), rule.metric(), rule.severity(), labels, now, !silencedBy.isEmpty()))
					.then(notifiable ? this.states.changed(rule.id(), key, to, history) : Mono.empty())));
	}

	private Mono<Void> publish(AlertStateChanged changed) {
		return this.outbox
			.append(Topics.ALERTS_EVENTS, changed.ruleId().toString(), EventTypes.ALERT_STATE_CHANGED, changed)
			.then();
	}

	/** The silence matching the rule name and labels at {@code now}, if any. */
	Mono<UUID> silence(String rule, String labels, Instant now) {
		return this.db
			.sql("select id from silences where starts_at <= :now and ends_at > :now"
					+ " and (rule_name is null or rule_name = :rule) and cast(:labels as jsonb) @> matchers"
					+ " order by ends_at desc limit 1")
			.bind("now", AlertStates.at(now))
			.bind("rule", rule)
			.bind("labels", labels)
			.map((row) -> row.get("id", UUID.class))
			.one();
	}

	private Mono<Long> insertHistory(AlertRule rule, String key, AlertStates.State from, String to,
			@Nullable Double value, Instant now, long seq, String labels, String silence) {
		DatabaseClient.GenericExecuteSpec spec = this.db.sql("insert into alert_history (rule_id, rule_name,"
				+ " group_key, transition_seq, from_state, to_state, value, threshold, metric, severity, labels, at,"
				+ " silenced_by) values (:rule, :name, :group, :seq, :from, :to, :value, :threshold, :metric,"
				+ " :severity, cast(:labels as jsonb), :now, :silence) returning id")
			.bind("rule", rule.id())
			.bind("name", rule.name())
			.bind("group", key)
			.bind("seq", seq)
			.bind("from", from.state())
			.bind("to", to)
			.bind("threshold", rule.threshold())
			.bind("metric", rule.metric())
			.bind("severity", rule.severity())
			.bind("labels", labels)
			.bind("now", AlertStates.at(now));
		spec = (value != null) ? spec.bind("value", value) : spec.bindNull("value", Double.class);
		spec = silence.isEmpty() ? spec.bindNull("silence", UUID.class)
				: spec.bind("silence", UUID.fromString(silence));
		return spec.map((row) -> row.get("id", Long.class)).one();
	}

}
