package com.xorstack.metrics.rollup;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.r2dbc.spi.Readable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Folds a batch of observations into the minute, hour and day rollups. The batch is
 * summed in memory first, then each table takes at most three statements whatever the
 * number of rows: insert the rows no one has made yet whole (their sums, sketch and
 * percentiles, in key order), lock the others (in the same order, so two writers never
 * wait on each other in a circle), and, after their stored sketches are merged in Java,
 * add the sums and write the merged sketches back, with the p50, p95 and p99 they answer.
 * Run {@link #prepare} before the transaction and {@link #write} inside it, together with
 * the event ids.
 * <p>
 * Most minute rows of a busy batch are new to it (a function, model and operation in a
 * minute): inserting them whole writes each once, where making them empty and updating
 * them wrote two row versions and locked and read them in between (issue #26).
 */
@Repository
public class RollupWriter {

	private static final Granularity[] GRANULARITIES = Granularity.values();

	private static final String KEYS = "unnest(cast(:kinds as text[]), cast(:names as text[]),"
			+ " cast(:models as text[]), cast(:operations as text[]), cast(:buckets as text[]))"
			+ " as k(kind, name, model, operation, bucket)";

	/**
	 * The keys with their sums, sketch and percentiles, one element of each array per
	 * row.
	 */
	private static final String SUMS = "unnest(cast(:kinds as text[]), cast(:names as text[]),"
			+ " cast(:models as text[]), cast(:operations as text[]), cast(:buckets as text[]),"
			+ " cast(:calls as text[]), cast(:errors as text[]), cast(:durationSums as text[]),"
			+ " cast(:timedCalls as text[]), cast(:inputTokens as text[]), cast(:outputTokens as text[]),"
			+ " cast(:costs as text[]), cast(:unpriced as text[]), cast(:sketches as text[]), cast(:p50s as text[]),"
			+ " cast(:p95s as text[]), cast(:p99s as text[])) as s(kind, name, model, operation, bucket, calls,"
			+ " errors, duration_sum, timed_calls, input_tokens, output_tokens, cost, unpriced, sketch, p50, p95, p99)";

	private static final String MATCH = "t.kind = u.kind and t.name = u.name and t.model = u.model"
			+ " and t.operation = u.operation and t.bucket = cast(u.bucket as timestamptz)";

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
		Map<Granularity, Map<RollupKey, Aggregate>> tables = new EnumMap<>(Granularity.class);
		sum(observations)
			.forEach((key, sums) -> tables.computeIfAbsent(key.granularity(), (g) -> new TreeMap<>()).put(key, sums));
		return Flux.fromIterable(tables.entrySet())
			.concatMap((table) -> write(table.getKey(), table.getValue()))
			.then();
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

	private Mono<Void> write(Granularity granularity, Map<RollupKey, Aggregate> rows) {
		List<RollupKey> keys = new ArrayList<>(rows.keySet());
		return insertNew(granularity, keys, rows).flatMap((inserted) -> {
			List<RollupKey> existing = keys.stream().filter((key) -> !inserted.contains(key)).toList();
			if (existing.isEmpty()) {
				return Mono.empty();
			}
			return lockedSketches(granularity, existing).flatMap((stored) -> {
				stored.forEach((key, sketch) -> {
					if (sketch.length > 0) {
						Sketches.mergeInto(rows.get(key).sketch, sketch);
					}
				});
				return add(granularity, existing, rows);
			});
		}).then();
	}

	/**
	 * Inserts the rows no one has made yet with the batch's sums, sketch and percentiles,
	 * in key order, and answers their keys. A row another transaction is making waits for
	 * it to commit and then counts as existing.
	 */
	private Mono<Set<RollupKey>> insertNew(Granularity granularity, List<RollupKey> keys,
			Map<RollupKey, Aggregate> rows) {
		String sql = "insert into " + granularity.table() + " (kind, name, model, operation, bucket, calls, errors,"
				+ " duration_sum_ms, timed_calls, input_tokens, output_tokens, cost_usd, unpriced_calls, sketch,"
				+ " p50_ms, p95_ms, p99_ms) select kind, name, model, operation, cast(bucket as timestamptz),"
				+ " cast(calls as bigint), cast(errors as bigint), cast(duration_sum as double precision),"
				+ " cast(timed_calls as bigint), cast(input_tokens as bigint), cast(output_tokens as bigint),"
				+ " cast(cost as numeric), cast(unpriced as bigint), decode(sketch, 'base64'),"
				+ " cast(nullif(p50, '') as double precision), cast(nullif(p95, '') as double precision),"
				+ " cast(nullif(p99, '') as double precision) from " + SUMS
				+ " order by 1, 2, 3, 4, 5 on conflict do nothing returning kind, name, model, operation, bucket";
		return withSums(bindKeys(this.db.sql(sql), keys), keys, rows).map((row) -> key(granularity, row))
			.all()
			.collect(HashSet<RollupKey>::new, Set::add);
	}

	private static RollupKey key(Granularity granularity, Readable row) {
		return new RollupKey(granularity, row.get("kind", String.class), row.get("name", String.class),
				row.get("model", String.class), row.get("operation", String.class),
				row.get("bucket", OffsetDateTime.class).toInstant());
	}

	/** Locks the rows in key order; answers their stored sketches (empty when none). */
	private Mono<Map<RollupKey, byte[]>> lockedSketches(Granularity granularity, List<RollupKey> keys) {
		return bindKeys(this.db.sql("select t.kind, t.name, t.model, t.operation, t.bucket, t.sketch from "
				+ granularity.table() + " t join " + KEYS.replace(" as k(", " as u(") + " on " + MATCH
				+ " order by t.kind, t.name, t.model, t.operation, t.bucket for update of t"), keys)
			.map((row) -> {
				byte[] sketch = row.get("sketch", byte[].class);
				return Map.entry(key(granularity, row), (sketch != null) ? sketch : new byte[0]);
			})
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	private Mono<Long> add(Granularity granularity, List<RollupKey> keys, Map<RollupKey, Aggregate> rows) {
		String sql = "update " + granularity.table() + " t set calls = t.calls + cast(u.calls as bigint),"
				+ " errors = t.errors + cast(u.errors as bigint),"
				+ " duration_sum_ms = t.duration_sum_ms + cast(u.duration_sum as double precision),"
				+ " timed_calls = t.timed_calls + cast(u.timed_calls as bigint),"
				+ " input_tokens = t.input_tokens + cast(u.input_tokens as bigint),"
				+ " output_tokens = t.output_tokens + cast(u.output_tokens as bigint),"
				+ " cost_usd = t.cost_usd + cast(u.cost as numeric),"
				+ " unpriced_calls = t.unpriced_calls + cast(u.unpriced as bigint), sketch = decode(u.sketch, 'base64'),"
				+ " p50_ms = cast(nullif(u.p50, '') as double precision),"
				+ " p95_ms = cast(nullif(u.p95, '') as double precision),"
				+ " p99_ms = cast(nullif(u.p99, '') as double precision)" + " from " + SUMS.replace(" as s(", " as u(")
				+ " where " + MATCH;
		return withSums(bindKeys(this.db.sql(sql), keys), keys, rows).fetch().rowsUpdated();
	}

	/** The sums, sketches and percentiles of the keys' rows, after any merge. */
	private static DatabaseClient.GenericExecuteSpec withSums(DatabaseClient.GenericExecuteSpec spec,
			List<RollupKey> keys, Map<RollupKey, Aggregate> rows) {
		List<Aggregate> sums = keys.stream().map(rows::get).toList();
		return AggregateColumns.bindSums(spec, sums)
			.bind("p50s", AggregateColumns.column(sums, (a) -> Sketches.quantileText(a.sketch, 0.50)))
			.bind("p95s", AggregateColumns.column(sums, (a) -> Sketches.quantileText(a.sketch, 0.95)))
			.bind("p99s", AggregateColumns.column(sums, (a) -> Sketches.quantileText(a.sketch, 0.99)));
	}

	private static DatabaseClient.GenericExecuteSpec bindKeys(DatabaseClient.GenericExecuteSpec spec,
			List<RollupKey> keys) {
		return spec.bind("kinds", AggregateColumns.column(keys, RollupKey::kind))
			.bind("names", AggregateColumns.column(keys, RollupKey::name))
			.bind("models", AggregateColumns.column(keys, RollupKey::model))
			.bind("operations", AggregateColumns.column(keys, RollupKey::operation))
			.bind("buckets", AggregateColumns.column(keys, (key) -> key.bucket().atOffset(ZoneOffset.UTC).toString()));
	}

}
