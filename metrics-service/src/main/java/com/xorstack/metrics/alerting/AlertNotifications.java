package com.xorstack.metrics.alerting;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Decides what a rule's receivers are told after its evaluation, in the same transaction:
 * every instance whose last change to firing or resolved differs from what the receivers
 * were last told (nothing yet counts as resolved) and that no silence matches now goes
 * into ONE notification for the rule, with one delivery row per receiver. So a change
 * muted by a silence is sent when the silence ends if it still stands (firing), a resolve
 * is sent only after a sent firing, and a firing that resolved meanwhile is never sent.
 */
@Repository
class AlertNotifications {

	private final DatabaseClient db;

	private final JsonMapper json;

	AlertNotifications(DatabaseClient db, JsonMapper json) {
		this.db = db;
		this.json = json;
	}

	/** Makes the rule's notification if there is news; answers its id, or nothing. */
	Mono<Long> flush(AlertRule rule, Instant now) {
		return unsent(rule, now).collectList()
			.flatMap((news) -> news.isEmpty() ? Mono.empty() : notify(rule, news, now));
	}

	private Flux<Map.Entry<String, Long>> unsent(AlertRule rule, Instant now) {
		return this.db.sql(
				"select s.group_key, s.last_history_id from alert_state s join alert_history h on h.id = s.last_history_id"
						+ " where s.rule_id = :rule and s.last_change <> coalesce(s.notified_state, 'resolved')"
						+ " and not exists (select 1 from silences x where x.starts_at <= :now and x.ends_at > :now"
						+ " and (x.rule_name is null or x.rule_name = :name) and h.labels @> x.matchers)"
						+ " order by s.group_key")
			.bind("rule", rule.id())
			.bind("name", rule.name())
			.bind("now", AlertStates.at(now))
			.map((row) -> Map.entry(row.get("group_key", String.class), row.get("last_history_id", Long.class)))
			.all();
	}

	private Mono<Long> notify(AlertRule rule, List<Map.Entry<String, Long>> news, Instant now) {
		String[] keys = news.stream().map(Map.Entry::getKey).toArray(String[]::new);
		Long[] changes = news.stream().map(Map.Entry::getValue).toArray(Long[]::new);
		return this.db
			.sql("insert into alert_notifications (rule_id, rule_name, created_at) values (:rule, :name, :now)"
					+ " returning id")
			.bind("rule", rule.id())
			.bind("name", rule.name())
			.bind("now", AlertStates.at(now))
			.map((row) -> row.get("id", Long.class))
			.one()
			.flatMap((notification) -> this.db
				.sql("update alert_history set notification_id = :notification where id = any(:ids)")
				.bind("notification", notification)
				.bind("ids", changes)
				.then()
				.then(this.db
					.sql("update alert_state set notified_state = last_change where rule_id = :rule"
							+ " and group_key = any(cast(:keys as text[]))")
					.bind("rule", rule.id())
					.bind("keys", keys)
					.then())
				.then(deliveries(rule, notification, now))
				.thenReturn(notification));
	}

	private Mono<Void> deliveries(AlertRule rule, long notification, Instant now) {
		return Flux.fromIterable(rule.receivers())
			.concatMap((receiver) -> this.db
				.sql("insert into notification_deliveries (notification_id, receiver_key, receiver, status,"
						+ " next_attempt_at) values (:notification, :key, cast(:receiver as jsonb), 'pending', :now)"
						+ " on conflict do nothing")
				.bind("notification", notification)
				.bind("key", receiver.key())
				.bind("receiver", this.json.writeValueAsString(receiver))
				.bind("now", AlertStates.at(now))
				.then())
			.then();
	}

}
