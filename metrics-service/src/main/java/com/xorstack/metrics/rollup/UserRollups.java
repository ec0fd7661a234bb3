package com.xorstack.metrics.rollup;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * The per-user minute rollups (kind and user, no other label), written with the other
 * rollups by the same transaction and kept only {@code user-minute-rollups}: what
 * per-user alert rules read. Written like {@link RollupWriter}, except that a row the
 * batch makes is inserted whole: sum the batch, insert the missing rows with their sums
 * and sketch, lock the others in key order, merge their sketches in Java, add.
 */
@Repository
public class UserRollups {

	private static final String KEYS = "unnest(cast(:kinds as text[]), cast(:users as text[]),"
			+ " cast(:buckets as text[])) as u(kind, user_id, bucket)";

	/** The keys with their sums and sketch, one element of each array per row. */
	private static final String SUMS = "unnest(cast(:kinds as text[]), cast(:users as text[]),"
			+ " cast(:buckets as text[]), cast(:calls as text[]), cast(:errors as text[]),"
			+ " cast(:durationSums as text[]), cast(:timedCalls as text[]), cast(:inputTokens as text[]),"
			+ " cast(:outputTokens as text[]), cast(:costs as text[]), cast(:unpriced as text[]),"
			+ " cast(:sketches as text[])) as s(kind, user_id, bucket, calls, errors, duration_sum, timed_calls,"
			+ " input_tokens, output_tokens, cost, unpriced, sketch)";

	private static final String MATCH = "t.kind = u.kind and t.user_id = u.user_id"
			+ " and t.bucket = cast(u.bucket as timestamptz)";

	private final DatabaseClient db;

	private final RollupProperties properties;

	private final Clock clock;

	UserRollups(DatabaseClient db, RollupProperties properties, Clock clock) {
		this.db = db;
		this.properties = properties;
		this.clock = clock;
	}

	/** An observation made by a user. */
	public record UserObservation(String user, Observation observation) {
	}

	private record Key(String kind, String user, Instant bucket) {

		static final Comparator<Key> ORDER = Comparator.comparing(Key::kind)
			.thenComparing(Key::bucket)
			.thenComparing(Key::user);

	}

	/** Adds the observations to the per-user rollups; call inside the transaction. */
	public Mono<Void> write(List<UserObservation> observations) {
		Instant now = this.clock.instant();
		Instant oldest = now.minus(this.properties.userMinuteRollups());
		Instant newest = now.plus(RollupPartitions.FUTURE_TOLERANCE);
		Map<Key, Aggregate> rows = new TreeMap<>(Key.ORDER);
		for (UserObservation made : observations) {
			Instant bucket = Granularity.MINUTE.bucket(made.observation().at());
			if (!made.user().isBlank() && !bucket.isBefore(oldest) && !bucket.isAfter(newest)) {
				rows.computeIfAbsent(new Key(made.observation().kind(), made.user(), bucket), (k) -> new Aggregate())
					.add(made.observation());
			}
		}
		if (rows.isEmpty()) {
			return Mono.empty();
		}
		List<Key> keys = new ArrayList<>(rows.keySet());
		return insertNew(keys, rows).flatMap((inserted) -> {
			List<Key> existing = keys.stream().filter((key) -> !inserted.contains(key)).toList();
			if (existing.isEmpty()) {
				return Mono.empty();
			}
			return lockedSketches(existing).flatMap((stored) -> {
				stored.forEach((key, sketch) -> Sketches.mergeInto(rows.get(key).sketch, sketch));
				return add(existing, rows);
			});
		});
	}

	/**
	 * Inserts the rows no one has made yet with the batch's sums and sketch, in key
	 * order, and answers their keys: most user minutes are new to a batch, and they are
	 * written once, not made empty and then updated. A row another transaction is making
	 * waits for it to commit and then counts as existing.
	 */
	private Mono<Set<Key>> insertNew(List<Key> keys, Map<Key, Aggregate> rows) {
		List<Aggregate> sums = keys.stream().map(rows::get).toList();
		String sql = "insert into rollup_user_minute (kind, user_id, bucket, calls, errors, duration_sum_ms,"
				+ " timed_calls, input_tokens, output_tokens, cost_usd, unpriced_calls, sketch)"
				+ " select kind, user_id, cast(bucket as timestamptz), cast(calls as bigint), cast(errors as bigint),"
				+ " cast(duration_sum as double precision), cast(timed_calls as bigint),"
				+ " cast(input_tokens as bigint), cast(output_tokens as bigint), cast(cost as numeric),"
				+ " cast(unpriced as bigint), decode(sketch, 'base64') from " + SUMS
				+ " order by kind, bucket, user_id on conflict do nothing returning kind, user_id, bucket";
		return AggregateColumns.bindSums(bindKeys(this.db.sql(sql), keys), sums)
			.map((row) -> new Key(row.get("kind", String.class), row.get("user_id", String.class),
					row.get("bucket", OffsetDateTime.class).toInstant()))
			.all()
			.collect(HashSet<Key>::new, Set::add);
	}

	/** Deletes the rows past retention; answers how many. */
	public Mono<Long> deleteExpired() {
		return this.db.sql("delete from rollup_user_minute where bucket < :before")
			.bind("before", this.clock.instant().minus(this.properties.userMinuteRollups()).atOffset(ZoneOffset.UTC))
			.fetch()
			.rowsUpdated();
	}

	private Mono<Map<Key, byte[]>> lockedSketches(List<Key> keys) {
		return bindKeys(this.db.sql("select t.kind, t.user_id, t.bucket, t.sketch from rollup_user_minute t join "
				+ KEYS + " on " + MATCH + " order by t.kind, t.bucket, t.user_id for update of t"), keys)
			.map((row) -> Map.entry(
					new Key(row.get("kind", String.class), row.get("user_id", String.class),
							row.get("bucket", OffsetDateTime.class).toInstant()),
					(row.get("sketch", byte[].class) != null) ? row.get("sketch", byte[].class) : new byte[0]))
			.all()
			.filter((entry) -> entry.getValue().length > 0)
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	private Mono<Void> add(List<Key> keys, Map<Key, Aggregate> rows) {
		List<Aggregate> sums = keys.stream().map(rows::get).toList();
		String sql = "update rollup_user_minute t set calls = t.calls + cast(s.calls as bigint),"
				+ " errors = t.errors + cast(s.errors as bigint),"
				+ " duration_sum_ms = t.duration_sum_ms + cast(s.duration_sum as double precision),"
				+ " timed_calls = t.timed_calls + cast(s.timed_calls as bigint),"
				+ " input_tokens = t.input_tokens + cast(s.input_tokens as bigint),"
				+ " output_tokens = t.output_tokens + cast(s.output_tokens as bigint),"
				+ " cost_usd = t.cost_usd + cast(s.cost as numeric),"
				+ " unpriced_calls = t.unpriced_calls + cast(s.unpriced as bigint), sketch = decode(s.sketch, 'base64')"
				+ " from " + SUMS
				+ " where t.kind = s.kind and t.user_id = s.user_id and t.bucket = cast(s.bucket as timestamptz)";
		return AggregateColumns.bindSums(bindKeys(this.db.sql(sql), keys), sums).then();
	}

	private static DatabaseClient.GenericExecuteSpec bindKeys(DatabaseClient.GenericExecuteSpec spec, List<Key> keys) {
		return spec.bind("kinds", AggregateColumns.column(keys, Key::kind))
			.bind("users", AggregateColumns.column(keys, Key::user))
			.bind("buckets", AggregateColumns.column(keys, (key) -> key.bucket().atOffset(ZoneOffset.UTC).toString()));
	}

}
