package com.xorstack.metrics.rollup;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;

import com.datadoghq.sketch.ddsketch.DDSketch;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.xorstack.metrics.MetricsIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.within;

/**
 * Time series points against exact percentiles computed here. A point of one row answers
 * from the row's stored quantile, which is exactly what the row's sketch answers; a point
 * of several rows (a function on two models) merges their sketches; a row without stored
 * quantiles (written before they existed) is read from its sketch.
 */
class RollupSeriesIntegrationTests extends MetricsIntegrationTest {

	private static final double[] QUANTILES = { 0.50, 0.95, 0.99 };

	@Autowired
	RollupWriter writer;

	@Autowired
	RollupReader reader;

	@Autowired
	TransactionalOperator transactions;

	@Autowired
	DatabaseClient db;

	@Test
	void storedQuantilesAreExactlyWhatEachRowsSketchAnswers() {
		String function = write(Instant.now(), 600).function();
		int rows = 0;
		for (String table : List.of("rollup_minute", "rollup_hour", "rollup_day")) {
			List<StoredRow> stored = this.db
				.sql("select sketch, p50_ms, p95_ms, p99_ms from " + table + " where name = :name")
				.bind("name", function)
				.map((row) -> new StoredRow(row.get("sketch", byte[].class),
						new double[] { row.get("p50_ms", Double.class), row.get("p95_ms", Double.class),
								row.get("p99_ms", Double.class) }))
				.all()
				.collectList()
				.block();
			for (StoredRow row : stored) {
				DDSketch sketch = Sketches.empty();
				Sketches.mergeInto(sketch, row.sketch());
				for (int i = 0; i < QUANTILES.length; i++) {
					assertThat(row.quantiles()[i]).isEqualTo(sketch.getValueAtQuantile(QUANTILES[i]));
				}
			}
			rows += stored.size();
		}
		assertThat(rows).isGreaterThan(10);
	}

	@Test
	void pointsOfOneRowAndOfSeveralRowsAreWithinOnePercentOfExact() {
		Instant now = Instant.now();
		Written written = write(now, 1500);
		Instant from = now.minus(Duration.ofHours(5));
		for (double q : QUANTILES) {
			// one row per step: the function on one model and operation
			Map<Instant, Aggregate> oneModel = hourly(new Labels(written.function(), "m1", "chat"), from, now, q);
			assertExact(oneModel, written.byHour("m1"), q);
			// two rows per step, merged
			Map<Instant, Aggregate> bothModels = hourly(new Labels(written.function(), null, null), from, now, q);
			assertExact(bothModels, written.byHour(null), q);
		}
	}

	@Test
	void rowsWithoutStoredQuantilesAreReadFromTheirSketches() {
		Instant now = Instant.now();
		Written written = write(now, 400);
		Labels labels = new Labels(written.function(), "m2", "chat");
		Instant from = now.minus(Duration.ofHours(5));
		Map<Instant, Aggregate> stored = hourly(labels, from, now, 0.95);
		// the rows of all labels '*' too: a series without a label filter reads them
		// alone
		Map<Instant, Aggregate> allStored = hourly(Labels.NONE, from, now, 0.95);
		this.db
			.sql("update rollup_hour set p50_ms = null, p95_ms = null, p99_ms = null"
					+ " where name = :name or (name = '*' and bucket >= :from)")
			.bind("name", written.function())
			.bind("from", from.atOffset(ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS))
			.fetch()
			.rowsUpdated()
			.block();
		Map<Instant, Aggregate> decoded = hourly(labels, from, now, 0.95);
		assertThat(decoded.keySet()).isEqualTo(stored.keySet());
		decoded
			.forEach((hour, point) -> assertThat(point.quantileMs(0.95)).isEqualTo(stored.get(hour).quantileMs(0.95)));
		assertExact(decoded, written.byHour("m2"), 0.95);
		Map<Instant, Aggregate> allDecoded = hourly(Labels.NONE, from, now, 0.95);
		assertThat(allDecoded.keySet()).isEqualTo(allStored.keySet()).isNotEmpty();
		allDecoded.forEach(
				(hour, point) -> assertThat(point.quantileMs(0.95)).isEqualTo(allStored.get(hour).quantileMs(0.95)));
	}

	@Test
	void aSeriesOfSumsReadsNoSketchAndAnswersNoQuantile() {
		Instant now = Instant.now();
		Written written = write(now, 300);
		Map<Instant, Aggregate> calls = this.reader
			.series(Observation.AI, new Labels(written.function(), null, null), now.minus(Duration.ofHours(5)), now,
					Duration.ofHours(1), null)
			.block();
		assertThat(calls.values().stream().mapToLong(Aggregate::calls).sum()).isEqualTo(300);
		Aggregate point = calls.values().iterator().next();
		assertThat(point.sketch.isEmpty()).isTrue();
		assertThatIllegalStateException().isThrownBy(() -> point.quantileMs(0.95));
		// a step of one row holding the one stored quantile asked for answers no other
		Aggregate p95 = hourly(new Labels(written.function(), "m1", "chat"), now.minus(Duration.ofHours(5)), now, 0.95)
			.values()
			.iterator()
			.next();
		assertThatIllegalStateException().isThrownBy(() -> p95.quantileMs(0.99));
	}

	private Map<Instant, Aggregate> hourly(Labels labels, Instant from, Instant to, double quantile) {
		return this.reader.series(Observation.AI, labels, from, to, Duration.ofHours(1), quantile).block();
	}

	private static void assertExact(Map<Instant, Aggregate> series, Map<Instant, List<Double>> values, double q) {
		assertThat(series.keySet()).isEqualTo(values.keySet());
		series.forEach((hour, point) -> {
			double[] sorted = values.get(hour).stream().mapToDouble(Double::doubleValue).sorted().toArray();
			double exact = SketchesTests.exact(sorted, q);
			assertThat(point.calls()).isEqualTo(sorted.length);
			assertThat(point.quantileMs(q)).as("p%s at %s", q * 100, hour).isCloseTo(exact, within(exact * 0.01));
		});
	}

	/** AI calls of a new function on two models over the last four hours. */
	private Written write(Instant now, int count) {
		String function = "fn-" + UUID.randomUUID();
		Random random = new Random(count);
		List<Observation> observations = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			Instant at = now.minusSeconds(30 + random.nextInt(4 * 3600));
			String model = (i % 3 == 0) ? "m2" : "m1";
			double duration = Math.exp(((i % 3 == 0) ? 6.5 : 5.5) + 0.8 * random.nextGaussian());
			observations.add(new Observation(Observation.AI, function, model, "chat", at, duration, i % 17 == 0, 10, 5,
					null, true));
		}
		this.writer.prepare(observations).block(Duration.ofSeconds(30));
		this.transactions.transactional(this.writer.write(observations)).block(Duration.ofSeconds(60));
		return new Written(function, observations);
	}

	private record StoredRow(byte[] sketch, double[] quantiles) {
	}

	private record Written(String function, List<Observation> observations) {

		/** Durations per hour, of one model or ({@code null}) of both. */
		Map<Instant, List<Double>> byHour(@Nullable String model) {
			Map<Instant, List<Double>> hours = new TreeMap<>();
			for (Observation observation : this.observations) {
				if (model == null || model.equals(observation.model())) {
					hours.computeIfAbsent(observation.at().truncatedTo(ChronoUnit.HOURS), (h) -> new ArrayList<>())
						.add(observation.durationMs());
				}
			}
			return hours;
		}

	}

}
