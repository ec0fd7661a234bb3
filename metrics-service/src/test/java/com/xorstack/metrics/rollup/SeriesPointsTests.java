package com.xorstack.metrics.rollup;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import com.datadoghq.sketch.ddsketch.DDSketch;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.within;

/**
 * Points of a series from rows in bucket order: several rows merge (and the scratch
 * sketch starts empty for every point), one row answers its stored quantile, a row
 * without timed calls answers nothing.
 */
class SeriesPointsTests {

	private static final Instant A = Instant.parse("2026-11-20T10:00:00Z");

	private static final Instant B = Instant.parse("2026-11-20T11:00:00Z");

	private static final Instant C = Instant.parse("2026-11-20T12:00:00Z");

	private static final Instant D = Instant.parse("2026-11-20T13:00:00Z");

	@Test
	void eachPointMergesOnlyItsOwnRows() {
		List<RollupRow> rows = List.of(row(A, 1, 100), row(A, 101, 200), row(B, 1000, 1100), row(B, 1101, 1200),
				stored(C, 42.0), untimed(D));
		Map<Instant, Aggregate> points = SeriesPoints.of(rows, 0.5);
		assertThat(points).containsOnlyKeys(A, B, C, D);
		// values 1..200: rank floor(0.5 * 199) = 99, the value 100
		assertThat(points.get(A).quantileMs(0.5)).isCloseTo(100.0, within(1.0));
		assertThat(points.get(A).calls()).isEqualTo(200);
		// 1000..1200, merged into the same scratch sketch after A's was cleared
		assertThat(points.get(B).quantileMs(0.5)).isCloseTo(1100.0, within(11.0));
		assertThat(points.get(C).quantileMs(0.5)).isEqualTo(42.0);
		assertThat(points.get(D).quantileMs(0.5)).isNull();
		assertThat(points.get(D).calls()).isEqualTo(3);
		assertThatIllegalStateException().isThrownBy(() -> points.get(A).quantileMs(0.95));
	}

	@Test
	void aSeriesOfSumsAnswersNoQuantile() {
		Map<Instant, Aggregate> points = SeriesPoints.of(List.of(stored(A, 7.0), stored(B, 8.0)), null);
		assertThat(points.get(A).calls()).isEqualTo(1);
		assertThatIllegalStateException().isThrownBy(() -> points.get(B).quantileMs(0.5));
	}

	@Test
	void aPointOfSeveralRowsWithoutTheirSketchesIsAnError() {
		assertThatIllegalStateException()
			.isThrownBy(() -> SeriesPoints.of(List.of(stored(A, 1.0), stored(A, 2.0)), 0.5));
	}

	private static RollupRow row(Instant bucket, int fromValue, int toValue) {
		DDSketch sketch = Sketches.empty();
		IntStream.rangeClosed(fromValue, toValue).forEach(sketch::accept);
		long calls = toValue - fromValue + 1;
		return row(bucket, calls, calls, Sketches.encode(sketch), null);
	}

	private static RollupRow stored(Instant bucket, double value) {
		return row(bucket, 1, 1, null, value);
	}

	private static RollupRow untimed(Instant bucket) {
		return row(bucket, 3, 0, null, null);
	}

	private static RollupRow row(Instant bucket, long calls, long timed, byte @Nullable [] sketch,
			@Nullable Double stored) {
		return new RollupRow(bucket, calls, 0, 0, timed, 0, 0, BigDecimal.ZERO, 0, sketch, stored);
	}

}
