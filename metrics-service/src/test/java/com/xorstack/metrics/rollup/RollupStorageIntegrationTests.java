package com.xorstack.metrics.rollup;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.xorstack.metrics.MetricsIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rollup tables themselves: concurrent writers into the same rows (route, function
 * and model rollups, and per-user minutes) lose nothing, and partitions past retention
 * are dropped whole while the others stay.
 */
class RollupStorageIntegrationTests extends MetricsIntegrationTest {

	@Autowired
	RollupWriter writer;

	@Autowired
	RollupReader reader;

	@Autowired
	UserRollups users;

	@Autowired
	RollupPartitions partitions;

	@Autowired
	TransactionalOperator transactions;

	@Autowired
	DatabaseClient db;

	@Test
	void concurrentBatchesIntoTheSameRowsLoseNoCountAndNoSketchValue() {
		String function = "fn-" + UUID.randomUUID();
		Instant at = Instant.now().truncatedTo(ChronoUnit.MINUTES).minusSeconds(90);
		List<List<Observation>> batches = new ArrayList<>();
		for (int b = 0; b < 8; b++) {
			int batch = b;
			batches.add(IntStream.range(0, 50)
				.mapToObj((i) -> new Observation(Observation.AI, function, "m", "chat", at.plusSeconds(i % 30),
						(double) (batch * 50 + i + 1), false, 1, 2, null, true))
				.toList());
		}
		this.writer.prepare(batches.get(0)).block(Duration.ofSeconds(30));
		Flux.fromIterable(batches)
			.parallel(8)
			.runOn(Schedulers.boundedElastic())
			.flatMap((batch) -> this.transactions.transactional(this.writer.write(batch)))
			.sequential()
			.blockLast(Duration.ofSeconds(60));
		Aggregate all = this.reader
			.aggregate(Observation.AI, new Labels(function, null, null), at.minusSeconds(60), at.plusSeconds(120))
			.block();
		assertThat(all.calls()).isEqualTo(400);
		assertThat(all.inputTokens()).isEqualTo(400);
		assertThat(all.outputTokens()).isEqualTo(800);
		assertThat(all.unpricedCalls()).isEqualTo(400);
		assertThat(all.sketch.getCount()).isEqualTo(400.0);
		// values 1..400: the median's element is 200 (rank floor(0.5 * 399) = 199)
		assertThat(all.quantileMs(0.5)).isBetween(198.0, 202.0);
	}

	@Test
	void aRowInsertedWholeByOneBatchIsAddedToByTheNextWithItsPercentiles() {
		// the first batch makes the minute's row with its sums, sketch and p50 in one
		// insert; the second finds it, merges its sketch and adds
		String function = "fn-" + UUID.randomUUID();
		Instant at = Instant.now().truncatedTo(ChronoUnit.MINUTES).minusSeconds(120);
		List<Observation> first = IntStream.rangeClosed(1, 99)
			.mapToObj((i) -> new Observation(Observation.AI, function, "m", "chat", at.plusSeconds(i % 50), (double) i,
					i % 33 == 0, 3, 4, null, true))
			.toList();
		List<Observation> second = IntStream.rangeClosed(901, 999)
			.mapToObj((i) -> new Observation(Observation.AI, function, "m", "chat", at.plusSeconds(i % 50), (double) i,
					false, 3, 4, null, true))
			.toList();
		this.writer.prepare(first).block(Duration.ofSeconds(30));
		this.transactions.transactional(this.writer.write(first)).block(Duration.ofSeconds(30));
		List<Double> made = minute(function);
		assertThat(made.subList(0, 3)).containsExactly(99.0, 3.0, 297.0);
		assertThat(made.get(3)).isBetween(49.0, 51.0);
		this.transactions.transactional(this.writer.write(second)).block(Duration.ofSeconds(30));
		// 1..99 and 901..999: the median lies between the two halves
		List<Double> both = minute(function);
		assertThat(both.subList(0, 3)).containsExactly(198.0, 3.0, 594.0);
		assertThat(both.get(3)).isBetween(98.0, 903.0);
	}

	/** Calls, errors, input tokens and p50 of the function's minute row for model m. */
	private List<Double> minute(String function) {
		return this.db
			.sql("select calls, errors, input_tokens, p50_ms from rollup_minute where kind = :kind and name = :name"
					+ " and model = 'm' and operation = 'chat'")
			.bind("kind", Observation.AI)
			.bind("name", function)
			.map((row) -> List.of(row.get("calls", Long.class).doubleValue(),
					row.get("errors", Long.class).doubleValue(), row.get("input_tokens", Long.class).doubleValue(),
					row.get("p50_ms", Double.class)))
			.one()
			.block(Duration.ofSeconds(30));
	}

	@Test
	void concurrentBatchesIntoTheSameUserMinutesLoseNoCountAndNoSketchValue() {
		// eight batches at once, each with the two shared users (made by whichever batch
		// comes first, then added to by the others) and one user of its own (made whole)
		String prefix = "user-" + UUID.randomUUID() + "-";
		Instant at = Instant.now().truncatedTo(ChronoUnit.MINUTES).minusSeconds(90);
		List<List<UserRollups.UserObservation>> batches = new ArrayList<>();
		for (int b = 0; b < 8; b++) {
			int batch = b;
			batches.add(IntStream.range(0, 30).mapToObj((i) -> {
				String user = prefix + ((i < 20) ? "shared-" + (i % 2) : "own-" + batch);
				return new UserRollups.UserObservation(user, new Observation(Observation.AI, "fn", "m", "chat",
						at.plusSeconds(i), (double) (batch * 30 + i + 1), i % 10 == 0, 1, 2, null, true));
			}).toList());
		}
		Flux.fromIterable(batches)
			.parallel(8)
			.runOn(Schedulers.boundedElastic())
			.flatMap((batch) -> this.transactions.transactional(this.users.write(batch)))
			.sequential()
			.blockLast(Duration.ofSeconds(60));
		List<UserMinute> rows = this.db
			.sql("select user_id, calls, errors, input_tokens, output_tokens, sketch from rollup_user_minute"
					+ " where user_id like :prefix order by user_id")
			.bind("prefix", prefix + "%")
			.map((row) -> {
				Aggregate sketch = new Aggregate();
				Sketches.mergeInto(sketch.sketch, row.get("sketch", byte[].class));
				return new UserMinute(row.get("user_id", String.class).substring(prefix.length()),
						row.get("calls", Long.class), row.get("errors", Long.class),
						row.get("input_tokens", Long.class), row.get("output_tokens", Long.class),
						sketch.sketch.getCount());
			})
			.all()
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(rows).hasSize(10);
		// shared-0 has i = 0, 2, ..., 18 of each batch (errors at 0 and 10), shared-1
		// the odd i below 20 (no error), own-b i = 20 to 29 of its batch (an error at 20)
		assertThat(rows).filteredOn((row) -> row.user().startsWith("shared-"))
			.allSatisfy((row) -> assertThat(row)
				.isEqualTo(new UserMinute(row.user(), 80, (row.user().endsWith("0")) ? 16 : 0, 80, 160, 80.0)));
		assertThat(rows).filteredOn((row) -> row.user().startsWith("own-"))
			.allSatisfy((row) -> assertThat(row).isEqualTo(new UserMinute(row.user(), 10, 1, 10, 20, 10.0)));
	}

	record UserMinute(String user, long calls, long errors, long inputTokens, long outputTokens, double sketched) {
	}

	@Test
	void partitionsPastRetentionAreDroppedAndTheOthersKept() {
		Instant longAgo = Instant.now().minus(Duration.ofDays(400));
		Instant recent = Instant.now().minus(Duration.ofDays(20));
		this.partitions.ensure(Granularity.HOUR, List.of(longAgo, recent)).block(Duration.ofSeconds(30));
		this.partitions.ensure(Granularity.MINUTE, List.of(recent, Instant.now())).block(Duration.ofSeconds(30));
		String oldHours = Granularity.HOUR.partitionName(Granularity.HOUR.partitionStart(longAgo));
		String recentHours = Granularity.HOUR.partitionName(Granularity.HOUR.partitionStart(recent));
		String oldMinutes = Granularity.MINUTE.partitionName(Granularity.MINUTE.partitionStart(recent));
		assertThat(exists(oldHours)).isTrue();
		assertThat(exists(oldMinutes)).isTrue();
		this.partitions.dropExpired(Granularity.HOUR).block(Duration.ofSeconds(30));
		this.partitions.dropExpired(Granularity.MINUTE).block(Duration.ofSeconds(30));
		assertThat(exists(oldHours)).isFalse();
		assertThat(exists(recentHours)).isTrue();
		assertThat(exists(oldMinutes)).isFalse();
		assertThat(exists(Granularity.MINUTE.partitionName(Granularity.MINUTE.partitionStart(Instant.now())))).isTrue();
	}

	@Test
	void eventsPastRetentionAreNotWritten() {
		Observation ancient = new Observation(Observation.API, "route-" + UUID.randomUUID(), "", "",
				Instant.now().minus(Duration.ofDays(400)), 5.0, false, 0, 0, null, false);
		assertThat(this.writer.sum(List.of(ancient))).isEmpty();
		Observation lastMonth = new Observation(Observation.API, "r", "", "", Instant.now().minus(Duration.ofDays(30)),
				5.0, false, 0, 0, null, false);
		assertThat(this.writer.sum(List.of(lastMonth)).keySet()).extracting(RollupKey::granularity)
			.containsOnly(Granularity.HOUR, Granularity.DAY);
	}

	private boolean exists(String table) {
		return this.db.sql("select to_regclass(:name) is not null as present")
			.bind("name", table)
			.map((row) -> row.get("present", Boolean.class))
			.one()
			.block();
	}

}
