package com.xorstack.metrics.usage;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.xorstack.metrics.activity.Activity;
import com.xorstack.metrics.activity.ActivityRepository;
import com.xorstack.metrics.system.MetricsChanges;
import com.xorstack.metrics.system.ProcessedEvents;

/**
 * Applies usage events once each, whether they came from Kafka or the REST ingest (one
 * ledger, so the same event through both counts once), and answers how many were new.
 */
@Component
class UsageRecorder {

	static final String CONSUMER = "usage-events";

	private static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(60);

	private final ProcessedEvents processed;

	private final ActivityRepository activity;

	private final DatabaseClient db;

	private final TransactionalOperator transactions;

	private final MetricsChanges changes;

	private final FeatureRepository features;

	UsageRecorder(ProcessedEvents processed, ActivityRepository activity, DatabaseClient db,
			TransactionalOperator transactions, MetricsChanges changes, FeatureRepository features) {
		this.features = features;
		this.processed = processed;
		this.activity = activity;
		this.db = db;
		this.transactions = transactions;
		this.changes = changes;
	}

	/** Answers how many of the events were applied for the first time. */
	Mono<Integer> record(Map<String, UsageEvent> byId) {
		if (byId.isEmpty()) {
			return Mono.just(0);
		}
		Mono<Integer> apply = this.processed.claim(CONSUMER, byId.keySet())
			.flatMap((fresh) -> write(byId, fresh).thenReturn(fresh.size()));
		return this.transactions.transactional(apply).doOnSuccess((applied) -> this.changes.changed());
	}

	void recordBlocking(List<UsageEvent> events, List<String> ids) {
		Map<String, UsageEvent> byId = new LinkedHashMap<>();
		for (int i = 0; i < events.size(); i++) {
			byId.putIfAbsent(ids.get(i), events.get(i));
		}
		record(byId).block(DATABASE_TIMEOUT);
	}

	private Mono<Void> write(Map<String, UsageEvent> byId, Set<String> fresh) {
		Map<String, Long> perDayAndKind = new TreeMap<>();
		List<Activity> activities = new ArrayList<>();
		List<UsageEvent> applied = new ArrayList<>();
		byId.forEach((id, event) -> {
			if (fresh.contains(id)) {
				String day = LocalDate.ofInstant(event.occurredAt(), ZoneOffset.UTC).toString();
				perDayAndKind.merge(day + "|" + event.kind(), 1L, Long::sum);
				activities.add(new Activity(event.occurredAt(), event.userId(), event.sessionId()));
				applied.add(event);
			}
		});
		return Flux.fromIterable(perDayAndKind.entrySet())
			.concatMap((entry) -> count(entry.getKey(), entry.getValue()))
			.then(this.activity.record(activities))
			.then(this.features.record(applied))
			.then();
	}

	private Mono<Long> count(String dayAndKind, long events) {
		int bar = dayAndKind.indexOf('|');
		return this.db
			.sql("insert into usage_daily (day, kind, events) values (:day, :kind, :events)"
					+ " on conflict (day, kind) do update set events = usage_daily.events + excluded.events")
			.bind("day", LocalDate.parse(dayAndKind.substring(0, bar)))
			.bind("kind", dayAndKind.substring(bar + 1))
			.bind("events", events)
			.fetch()
			.rowsUpdated();
	}

}
