package com.xorstack.metrics.rollup;

import java.math.RoundingMode;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Folds a batch of observations into the minute and hour rollups. The batch is summed in
 * memory first, so each row is touched once per batch: made if missing, locked, its
 * sketch merged in Java and written back with the sums added. Run {@link #prepare} before
 * the transaction and {@link #write} inside it, together with the event ids.
 */
@Repository
public class RollupWriter {

	private static final Granularity[] GRANULARITIES = Granularity.values();

	private final DatabaseClient db;

	private final RollupPartitions partitions;

	RollupWriter(DatabaseClient db, RollupPartitions partitions) {
		this.db = db;
		this.partitions = partitions;
	}

	/** Makes the partitions the observations need (DDL stays outside the transaction). */
	public Mono<Void> prepare(List<Observation> observations) {
		return Flux.fromArray(GRANULARITIES)
			.concatMap((granularity) -> this.partitions.ensure(granularity,
					observations.stream()
						.map((observation) -> granularity.bucket(observation.at()))
						.filter((bucket) -> this.partitions.kept(granularity, bucket))
						.toList()))
			.then();
	}

	public Mono<Void> write(List<Observation> observations) {
		Map<RollupKey, Aggregate> rows = sum(observations);
		return Flux.fromIterable(rows.entrySet()).concatMap((row) -> upsert(row.getKey(), row.getValue())).then();
	}

	Map<RollupKey, Aggregate> sum(List<Observation> observations) {
		Map<RollupKey, Aggregate> rows = new TreeMap<>();
		for (Observation observation : observations) {
			for (Granularity granularity : GRANULARITIES) {
				if (!this.partitions.kept(granularity, granularity.bucket(observation.at()))) {
					continue;
				}
				for (RollupKey key : keys(granularity, observation)) {
					rows.computeIfAbsent(key, (k) -> new Aggregate()).add(observation);
				}
			}
		}
		return rows;
	}

	private static List<RollupKey> keys(Granularity granularity, Observation observation) {
		List<RollupKey> keys = new ArrayList<>(2);
		keys.add(RollupKey.of(granularity, observation, true));
		if (!Observation.ALL.equals(observation.name())) {
			keys.add(RollupKey.of(granularity, observation, false));
		}
		return keys;
	}

	private Mono<Void> upsert(RollupKey key, Aggregate sums) {
		return create(key).then(lockedSketch(key)).flatMap((stored) -> {
			if (stored.length > 0) {
				Sketches.mergeInto(sums.sketch, stored);
			}
			return add(key, sums);
		});
	}

	private Mono<Long> create(RollupKey key) {
		return bindKey(this.db.sql("insert into " + key.granularity().table()
				+ " (kind, name, model, operation, bucket) values (:kind, :name, :model, :operation, :bucket)"
				+ " on conflict do nothing"), key)
			.fetch()
			.rowsUpdated();
	}

	private Mono<byte[]> lockedSketch(RollupKey key) {
		return bindKey(this.db.sql("select sketch from " + key.granularity().table() + where() + " for update"), key)
			.map((row) -> {
				byte[] sketch = row.get("sketch", byte[].class);
				return (sketch != null) ? sketch : new byte[0];
			})
			.one();
	}

	private Mono<Void> add(RollupKey key, Aggregate sums) {
		return bindKey(this.db
			.sql("update " + key.granularity().table() + " set calls = calls + :calls, errors = errors + :errors,"
					+ " duration_sum_ms = duration_sum_ms + :durationSum, timed_calls = timed_calls + :timedCalls,"
					+ " input_tokens = input_tokens + :inputTokens, output_tokens = output_tokens + :outputTokens,"
					+ " cost_usd = cost_usd + :cost, unpriced_calls = unpriced_calls + :unpriced, sketch = :sketch"
					+ where()),
				key)
			.bind("calls", sums.calls)
			.bind("errors", sums.errors)
			.bind("durationSum", sums.durationSumMs)
			.bind("timedCalls", sums.timedCalls)
			.bind("inputTokens", sums.inputTokens)
			.bind("outputTokens", sums.outputTokens)
			.bind("cost", sums.costUsd.setScale(8, RoundingMode.HALF_UP))
			.bind("unpriced", sums.unpricedCalls)
			.bind("sketch", Sketches.encode(sums.sketch))
			.then();
	}

	private static String where() {
		return " where kind = :kind and name = :name and model = :model and operation = :operation"
				+ " and bucket = :bucket";
	}

	private static DatabaseClient.GenericExecuteSpec bindKey(DatabaseClient.GenericExecuteSpec spec, RollupKey key) {
		return spec.bind("kind", key.kind())
			.bind("name", key.name())
			.bind("model", key.model())
			.bind("operation", key.operation())
			.bind("bucket", key.bucket().atOffset(ZoneOffset.UTC));
	}

}
