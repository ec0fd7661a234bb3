package com.xorstack.metrics.traffic;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.xorstack.metrics.activity.Activity;
import com.xorstack.metrics.activity.ActivityRepository;
import com.xorstack.metrics.rollup.Observation;
import com.xorstack.metrics.rollup.RollupWriter;
import com.xorstack.metrics.rollup.UserRollups;
import com.xorstack.metrics.rollup.UserRollups.UserObservation;
import com.xorstack.metrics.system.EventBatch;
import com.xorstack.metrics.system.MetricsChanges;
import com.xorstack.metrics.system.ProcessedEvents;

/**
 * Applies a batch of events in one transaction: claims their ids, then adds only the
 * first deliveries to the rollups (and, for events that name their user, the per-user
 * minute rollups), activity and the slowest traced requests. The listener commits offsets
 * after this returns, so a crash before the commit redelivers the batch and the ids
 * absorb it.
 */
@Component
class TrafficRecorder {

	private static final Duration DATABASE_TIMEOUT = Duration.ofSeconds(60);

	static final String BATCH_SIZE = "xorstack.metrics.events.batch.size";

	private final ProcessedEvents processed;

	private final RollupWriter rollups;

	private final UserRollups users;

	private final ActivityRepository activity;

	private final TransactionalOperator transactions;

	private final MetricsChanges changes;

	private final SlowRequests slowRequests;

	private final Clock clock;

	private final MeterRegistry meters;

	TrafficRecorder(ProcessedEvents processed, RollupWriter rollups, UserRollups users, ActivityRepository activity,
			TransactionalOperator transactions, MetricsChanges changes, SlowRequests slowRequests, Clock clock,
			MeterRegistry meters) {
		this.processed = processed;
		this.rollups = rollups;
		this.users = users;
		this.activity = activity;
		this.transactions = transactions;
		this.changes = changes;
		this.slowRequests = slowRequests;
		this.clock = clock;
		this.meters = meters;
	}

	void record(String consumer, List<EventBatch.Read<TrafficEvent>> events) {
		if (events.isEmpty()) {
			return;
		}
		Map<String, TrafficEvent> byId = new LinkedHashMap<>();
		events.forEach((event) -> byId.putIfAbsent(event.id(), event.data()));
		List<Observation> all = byId.values().stream().flatMap((event) -> event.observations().stream()).toList();
		Mono<Void> apply = this.processed.claim(consumer, byId.keySet()).flatMap((fresh) -> write(byId, fresh));
		this.rollups.prepare(all).then(this.transactions.transactional(apply)).block(DATABASE_TIMEOUT);
		this.changes.changed();
		batchSize(consumer).record(events.size());
	}

	/** Events per transaction: how well a consumer's fetches share their fixed cost. */
	private DistributionSummary batchSize(String consumer) {
		return DistributionSummary.builder(BATCH_SIZE)
			.description("Events applied in one transaction")
			.tag("consumer", consumer)
			.register(this.meters);
	}

	private Mono<Void> write(Map<String, TrafficEvent> byId, Set<String> fresh) {
		List<Observation> observations = new ArrayList<>();
		List<UserObservation> byUser = new ArrayList<>();
		List<Activity> activities = new ArrayList<>();
		Map<String, SlowRequest> requests = new LinkedHashMap<>();
		byId.forEach((id, event) -> {
			if (fresh.contains(id)) {
				observations.addAll(event.observations());
				activities.add(event.activity());
				byUser.addAll(userObservations(event));
				if (event.request() != null) {
					requests.put(id, event.request());
				}
			}
		});
		return this.rollups.write(observations)
			.then(this.users.write(byUser))
			.then(this.activity.record(activities))
			.then(this.slowRequests.keepSlowest(requests, this.clock.instant()));
	}

	/** The event's API or AI observation once more, for its user's minute rollup. */
	private static List<UserObservation> userObservations(TrafficEvent event) {
		String user = event.activity().userId();
		if (user == null || user.isBlank()) {
			return List.of();
		}
		return event.observations()
			.stream()
			.filter((observation) -> Observation.API.equals(observation.kind())
					|| Observation.AI.equals(observation.kind()))
			.map((observation) -> new UserObservation(user, observation))
			.toList();
	}

}
