package com.xorstack.platform.gauges;

import com.datadoghq.sketch.ddsketch.DDSketch;
import com.datadoghq.sketch.ddsketch.DDSketches;

/**
 * What one statement cost during one interval: calls, failures, time (total and as a
 * sketch for its p95) and rows returned. Callers on many threads add to one instance: the
 * sketch is not thread-safe, so every change is made holding the instance's lock, which
 * is uncontended unless one statement runs on several event loops at once.
 */
final class StatementStats {

	/** 1 % relative accuracy, as metrics-service keeps its latency sketches. */
	private static final double ACCURACY = 0.01;

	/**
	 * Bounds the memory of one sketch; the lowest bins collapse first, the p95 is kept.
	 */
	private static final int MAX_BINS = 2048;

	private final StatementText statement;

	private final DDSketch sketch = DDSketches.logarithmicCollapsingLowestDense(ACCURACY, MAX_BINS);

	private long calls;

	private long errors;

	private long totalNanos;

	private long rows;

	StatementStats(StatementText statement) {
		this.statement = statement;
	}

	synchronized void record(long nanos, long rows, boolean success) {
		this.calls++;
		this.errors += success ? 0 : 1;
		this.totalNanos += nanos;
		this.rows += rows;
		this.sketch.accept(nanos / 1_000_000.0);
	}

	synchronized Snapshot snapshot() {
		double p95 = this.sketch.isEmpty() ? 0 : this.sketch.getValueAtQuantile(0.95);
		return new Snapshot(this.statement, this.calls, this.errors, this.totalNanos / 1_000_000.0, p95, this.rows);
	}

	/** One statement's figures of one interval, times in milliseconds. */
	record Snapshot(StatementText statement, long calls, long errors, double totalMs, double p95Ms, long rows) {
	}

}
