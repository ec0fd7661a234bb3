package com.xorstack.metrics.alerting;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.xorstack.metrics.rollup.Labels;
import com.xorstack.metrics.rollup.RollupReader;
import com.xorstack.metrics.timeseries.SeriesMetric;

/**
 * Evaluates every rule from the rollups on an interval. A tick runs in one transaction
 * that first takes a Postgres advisory lock, so of several instances only one evaluates
 * at a time (the others skip that tick); a state change, its history row and its delivery
 * rows commit together.
 */
@Component
class AlertEvaluator {

	/** The advisory lock key of the evaluator ("alerts" in ASCII). */
	static final long LOCK_KEY = 0x616c65727473L;

	private static final Logger log = LoggerFactory.getLogger(AlertEvaluator.class);

	private final AlertRuleRepository rules;

	private final AlertStates states;

	private final RollupReader rollups;

	private final DatabaseClient db;

	private final TransactionalOperator transactions;

	private final Clock clock;

	AlertEvaluator(AlertRuleRepository rules, AlertStates states, RollupReader rollups, DatabaseClient db,
			TransactionalOperator transactions, Clock clock) {
		this.rules = rules;
		this.states = states;
		this.rollups = rollups;
		this.db = db;
		this.transactions = transactions;
		this.clock = clock;
	}

	@Scheduled(initialDelayString = "${xorstack.alerting.evaluation-interval:PT30S}",
			fixedDelayString = "${xorstack.alerting.evaluation-interval:PT30S}")
	Mono<Void> scheduledTick() {
		return tick(this.clock.instant()).onErrorResume((ex) -> {
			log.warn("Alert evaluation failed; the next tick tries again", ex);
			return Mono.empty();
		}).then();
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
		SeriesMetric metric = SeriesMetric.of(rule.metric());
		if (metric == null) {
			return Mono.empty();
		}
		Labels labels = new Labels(rule.labels().getOrDefault("route", rule.labels().get("function")),
				rule.labels().get("model"), rule.labels().get("operation"));
		return this.rollups.aggregate(metric.kind(), labels, now.minus(rule.windowDuration()), now)
			.map((aggregate) -> Optional.ofNullable(metric.value(aggregate)))
			.defaultIfEmpty(Optional.ofNullable(metric.value(null)))
			.flatMap((value) -> this.states.current(rule.id(), now)
				.flatMap((state) -> move(rule, state, value.orElse(null), now)));
	}

	private Mono<Void> move(AlertRule rule, AlertStates.State state, Double value, Instant now) {
		boolean breached = value != null && rule.breached(value);
		String next = next(state, breached, rule.pendingDuration(), now);
		if (next.equals(state.state())) {
			return this.states.touch(rule.id(), value, now);
		}
		return this.states.change(rule, state, next, value, now);
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
