package com.xorstack.metrics.rollup;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import com.datadoghq.sketch.ddsketch.DDSketch;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The 1 % promise: percentiles merged from many encoded bucket sketches against exact
 * percentiles of the same values. DDSketch's quantile {@code q} of {@code n} values is
 * the element at rank {@code floor(q * (n - 1))} of the sorted values.
 */
class SketchesTests {

	@Test
	void percentilesMergedFromEncodedBucketsAreWithinOnePercentOfExact() {
		Random random = new Random(42);
		int buckets = 720;
		List<byte[]> encoded = new ArrayList<>();
		List<Double> all = new ArrayList<>();
		for (int bucket = 0; bucket < buckets; bucket++) {
			DDSketch sketch = Sketches.empty();
			int calls = 1 + random.nextInt(200);
			for (int i = 0; i < calls; i++) {
				// log-normal latencies around 300 ms with a long tail, plus some sub-ms
				// answers
				double value = (random.nextInt(50) == 0) ? random.nextDouble()
						: Math.exp(5.7 + 0.9 * random.nextGaussian());
				sketch.accept(value);
				all.add(value);
			}
			encoded.add(Sketches.encode(sketch));
		}
		Aggregate merged = new Aggregate();
		encoded.forEach((bytes) -> merged.addRow(0, 0, 0, 0, 0, 0, BigDecimal.ZERO, 0, bytes));
		double[] sorted = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		for (double q : new double[] { 0.5, 0.9, 0.95, 0.99, 0.999 }) {
			double exact = exact(sorted, q);
			assertThat(merged.quantileMs(q)).as("p%s", q * 100).isCloseTo(exact, within(exact * 0.01));
		}
	}

	@Test
	void encodingKeepsEveryCount() {
		DDSketch sketch = Sketches.empty();
		double[] values = { 0, 0.5, 1, 2, 3, 250, 1_000, 60_000, 3_600_000 };
		Arrays.stream(values).forEach(sketch::accept);
		DDSketch decoded = Sketches.empty();
		Sketches.mergeInto(decoded, Sketches.encode(sketch));
		assertThat(decoded.getCount()).isEqualTo(values.length);
		assertThat(decoded.getValueAtQuantile(1.0)).isCloseTo(3_600_000, within(36_000.0));
		assertThat(decoded.getValueAtQuantile(0.0)).isEqualTo(0.0);
	}

	@Test
	void encodingsOneAfterTheOtherDecodeAsTheirMerge() {
		Random random = new Random(7);
		DDSketch merged = Sketches.empty();
		ByteArrayOutputStream concatenated = new ByteArrayOutputStream();
		for (int part = 0; part < 5; part++) {
			DDSketch sketch = Sketches.empty();
			// one part empty, one with a zero, the others log-normal around different
			// medians
			int calls = (part == 2) ? 0 : 500;
			for (int i = 0; i < calls; i++) {
				sketch.accept(Math.exp(Math.log(40.0 * (part + 1)) + 0.8 * random.nextGaussian()));
			}
			if (part == 3) {
				sketch.accept(0);
			}
			merged.mergeWith(sketch);
			concatenated.writeBytes(Sketches.encode(sketch));
		}
		DDSketch decoded = Sketches.empty();
		Sketches.mergeInto(decoded, concatenated.toByteArray());
		assertThat(decoded.getCount()).isEqualTo(merged.getCount()).isEqualTo(4 * 500 + 1);
		for (double q : new double[] { 0, 0.5, 0.95, 0.99, 1 }) {
			assertThat(decoded.getValueAtQuantile(q)).as("q %s", q).isEqualTo(merged.getValueAtQuantile(q));
		}
	}

	@Test
	void aSingleValueIsItsOwnPercentileWithinOnePercent() {
		Aggregate aggregate = new Aggregate();
		aggregate.add(new Observation("ai", "f", "", "", Instant.now(), 1234.0, false, 0, 0, null, true));
		assertThat(aggregate.quantileMs(0.5)).isCloseTo(1234.0, within(12.34));
		assertThat(aggregate.quantileMs(0.99)).isCloseTo(1234.0, within(12.34));
		assertThat(new Aggregate().quantileMs(0.5)).isNull();
	}

	static double exact(double[] sorted, double q) {
		return sorted[(int) Math.floor(q * (sorted.length - 1))];
	}

}
