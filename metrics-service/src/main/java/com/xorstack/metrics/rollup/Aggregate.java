package com.xorstack.metrics.rollup;

import java.math.BigDecimal;

import com.datadoghq.sketch.ddsketch.DDSketch;
import org.jspecify.annotations.Nullable;

/**
 * Sums and a merged sketch over some buckets. Mutable while rows are merged into it; the
 * read methods answer {@code null} where there is nothing to answer from. A point of a
 * time series holds its sums and only the one quantile it was read for
 * ({@link #answerOnly}), without a sketch: it answers that quantile and no other.
 */
public final class Aggregate {

	long calls;

	long errors;

	double durationSumMs;

	long timedCalls;

	long inputTokens;

	long outputTokens;

	BigDecimal costUsd = BigDecimal.ZERO;

	long unpricedCalls;

	final DDSketch sketch = Sketches.empty();

	private boolean sketchRead = true;

	private double onlyQuantile = Double.NaN;

	private @Nullable Double onlyValue;

	void add(Observation observation) {
		this.calls++;
		this.errors += observation.error() ? 1 : 0;
		if (observation.durationMs() != null) {
			this.durationSumMs += observation.durationMs();
			this.timedCalls++;
			this.sketch.accept(observation.durationMs());
		}
		this.inputTokens += observation.inputTokens();
		this.outputTokens += observation.outputTokens();
		if (observation.costUsd() != null) {
			this.costUsd = this.costUsd.add(observation.costUsd());
		}
		this.unpricedCalls += observation.unpriced() ? 1 : 0;
	}

	void addRow(long calls, long errors, double durationSumMs, long timedCalls, long inputTokens, long outputTokens,
			BigDecimal costUsd, long unpricedCalls, byte @Nullable [] sketch) {
		this.calls += calls;
		this.errors += errors;
		this.durationSumMs += durationSumMs;
		this.timedCalls += timedCalls;
		this.inputTokens += inputTokens;
		this.outputTokens += outputTokens;
		this.costUsd = this.costUsd.add(costUsd);
		this.unpricedCalls += unpricedCalls;
		if (sketch != null) {
			Sketches.mergeInto(this.sketch, sketch);
		}
	}

	/** Adds another aggregate's sums and sketch to this one; answers this one. */
	Aggregate addAll(Aggregate other) {
		this.calls += other.calls;
		this.errors += other.errors;
		this.durationSumMs += other.durationSumMs;
		this.timedCalls += other.timedCalls;
		this.inputTokens += other.inputTokens;
		this.outputTokens += other.outputTokens;
		this.costUsd = this.costUsd.add(other.costUsd);
		this.unpricedCalls += other.unpricedCalls;
		if (!other.sketch.isEmpty()) {
			this.sketch.mergeWith(other.sketch);
		}
		return this;
	}

	/**
	 * The sketch of these rows was not kept: {@link #quantileMs} answers {@code value}
	 * for {@code quantile} ({@code NaN} for none) and fails for any other.
	 */
	void answerOnly(double quantile, @Nullable Double value) {
		this.sketchRead = false;
		this.onlyQuantile = quantile;
		this.onlyValue = value;
	}

	public long calls() {
		return this.calls;
	}

	public long errors() {
		return this.errors;
	}

	public long inputTokens() {
		return this.inputTokens;
	}

	public long outputTokens() {
		return this.outputTokens;
	}

	public BigDecimal costUsd() {
		return this.costUsd;
	}

	public long unpricedCalls() {
		return this.unpricedCalls;
	}

	public @Nullable Double errorRatePercent() {
		return (this.calls == 0) ? null : 100.0 * this.errors / this.calls;
	}

	public @Nullable Double averageMs() {
		return (this.timedCalls == 0) ? null : this.durationSumMs / this.timedCalls;
	}

	public @Nullable Double quantileMs(double quantile) {
		if (this.sketchRead) {
			return this.sketch.isEmpty() ? null : this.sketch.getValueAtQuantile(quantile);
		}
		if (quantile == this.onlyQuantile) {
			return this.onlyValue;
		}
		throw new IllegalStateException("The sketches to answer quantile " + quantile + " were not read");
	}

}
