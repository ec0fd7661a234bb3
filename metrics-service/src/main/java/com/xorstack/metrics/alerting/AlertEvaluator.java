package com.xorstack.metrics.alerting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

/**
 * Evaluates every rule from the rollups or gauge readings on an interval. A tick runs in
 * one transaction that first takes a Postgres advisory lock, so of several instances only
 * one evaluates at a time (the others skip that tick); the changes of a rule's alert
 * instances, their history rows, events, and the rule's one notification with its
 * delivery rows commit together. A rule tracks at most {@code max-instances-per-rule}
 * instances: a new breaching instance beyond that is not tracked (the worst breaches are
 * taken first) and is counted in {@code xorstack.alerts.instances.dropped}.
 */
@Component
class AlertEvaluator {

	/** The advisory lock key of the evaluator ("alerts" in ASCII). */
	static final long LOCK_KEY = 0x616c65727473L;

	private static final Logger log = LoggerFactory.getLogger(AlertEvaluator.class);

	private final AlertRuleRepository rules;

	private final AlertStates states;

	private final AlertChanges changes;

	private final AlertNotifications notifications;

	private final RuleValues values;

	private final DatabaseClient db;

	private final TransactionalOperator transactions;

	private final AlertingProperties properties;

	private final MeterRegistry meters;

	private final Clock clock;

	AlertEvaluator(AlertRuleRepository rules, AlertStates states, AlertChanges changes,
			AlertNotifications notifications, RuleValues values, DatabaseClient db, TransactionalOperator transactions,
			AlertingProperties properties, MeterRegistry meters, Clock clock) {
		this.rules = rules;
		this.states = states;
		this.changes = changes;
		this.notifications = notifications;
		this.values = values;
		this.db = db;
		this.transactions = transactions;
		this.properties = properties;
		this.meters = meters;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "${xorstack.alerting.evaluation-interval:PT30S}",
			fixedDelayString = "${xorstack.alerting.evaluation-interval:PT30S}")
	Mono<Void> scheduledTick() {
		// Spring calls this once and subscribes to what it answers at every run: the
		// instant is taken at each subscription, not once at start. A tick that never
		// ends would end every later one too (the next starts when it ends): past its
		// time limit it is cancelled, its transaction rolled back.
		return Mono.defer(() -> tick(this.clock.instant()))
			.timeout(this.properties.evaluationTimeout())
			.onErrorResume((ex) -> {
				log.warn("Alert evaluation failed; the next tick tries again", ex);
				this.meters.counter("xorstack.alerts.evaluations.failed").increment();
				return Mono.empty();
			})
			.then();
	}

	/**
	 * Evaluates every rule as of {@code now}; answers whether this instance held the
	 * lock.
	 */
	Mono<Boolean> tick(Instant now) {
		Mono<Boolean> locked = this.db.sql("select pg_try_advisory_xact_lock(:key) as locked")
			.bind("key", LOCK_KEY)
			.map((row) -> Boolean.TRUE.equals(row.get("locked", Boolean.class)))
			.one();
		return this.transactions.transactional(locked.flatMap(
				(held) -> held ? this.rules.findAll().concatMap((rule) -> evaluate(rule, now)).then(Mono.just(true))
						: Mono.just(false)));
	}

	private Mono<Void> evaluate(AlertRule rule, Instant now) {
		return this.values.of(rule, now)
			.flatMap((values) -> this.states.lock(rule, now).flatMap((states) -> step(rule, values, states, now)))
			.then(this.notifications.flush(rule, now))
			.then();
	}

	private Mono<Void> step(AlertRule rule, Map<String, @Nullable Double> values, Map<String, AlertStates.State> states,
			Instant now) {
		Map<String, @Nullable Double> unchanged = new HashMap<>();
		List<String> quiet = new ArrayList<>();
		List<Mono<Void>> moves = new ArrayList<>();
		List<String> newcomers = new ArrayList<>();
		TreeSet<String> keys = new TreeSet<>(values.keySet());
		keys.addAll(states.keySet());
		for (String key : keys) {
			Double value = values.containsKey(key) ? values.get(key) : RuleValues.noData(rule);
			boolean breached = value != null && rule.breached(value);
			AlertStates.State state = states.get(key);
			String next = next((state != null) ? state : AlertStates.State.inactive(now), breached,
					rule.pendingDuration(), now);
			if (state == null) {
				if (!AlertStates.INACTIVE.equals(next)) {
					newcomers.add(key);
				}
			}
			else if (!next.equals(state.state())) {
				moves.add(this.changes.change(rule, key, state, next, value, now));
			}
			else if (!breached && !AlertStates.PENDING.equals(next)
					&& !(rule.groupBy() == null && key.equals(AlertStates.UNGROUPED))) {
				quiet.add(key);
			}
			else {
				unchanged.put(key, value);
			}
		}
		int room = Math.max(0, this.properties.maxInstancesPerRule() - states.size());
		newcomers.sort(worstFirst(rule, values));
		if (newcomers.size() > room) {
			int dropped = newcomers.size() - room;
			log.warn("Alert rule {} breaches for {} more instances than it may track ({}); they are not tracked",
					rule.name(), dropped, this.properties.maxInstancesPerRule());
			this.meters.counter("xorstack.alerts.instances.dropped", "rule", rule.name()).increment(dropped);
		}
		List<String> tracked = new ArrayList<>(newcomers.subList(0, Math.min(room, newcomers.size())));
		tracked.sort(Comparator.naturalOrder());
		Flux<Void> started = Flux.fromIterable(tracked)
			.concatMap((key) -> this.states.create(rule.id(), key, now)
				.flatMap((created) -> this.changes.change(rule, key, created,
						next(created, true, rule.pendingDuration(), now), values.get(key), now)));
		return this.states.prune(rule.id(), quiet)
			.then(this.states.touch(rule.id(), unchanged, now))
			.then(Flux.concat(moves).then())
			.then(started.then());
	}

	/** Highest values first for {@code above}, lowest first for {@code below}. */
	private static Comparator<String> worstFirst(AlertRule rule, Map<String, @Nullable Double> values) {
		Comparator<String> byValue = Comparator.comparing((key) -> {
			Double value = values.get(key);
			return (value != null) ? value : 0.0;
		});
		return "below".equals(rule.operator()) ? byValue.thenComparing(Comparator.naturalOrder())
				: byValue.reversed().thenComparing(Comparator.naturalOrder());
	}

	static String next(AlertStates.State state, boolean breached, Duration pending, Instant now) {
		return switch (state.state()) {
			case AlertStates.PENDING -> !breached ? AlertStates.INACTIVE
					: (state.since().plus(pending).compareTo(now) <= 0) ? AlertStates.FIRING : AlertStates.PENDING;
			case AlertStates.FIRING -> breached ? AlertStates.FIRING : AlertStates.RESOLVED;
			default -> !breached ? state.state() : pending.isZero() ? AlertStates.FIRING : AlertStates.PENDING;
		};
	}

}
