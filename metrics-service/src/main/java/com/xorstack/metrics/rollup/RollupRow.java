package com.xorstack.metrics.rollup;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;

/**
 * One rollup row as read: its sums, its sketch where it was fetched, and the stored
 * quantile a series asked for.
 */
record RollupRow(Instant bucket, long calls, long errors, double durationSumMs, long timedCalls, long inputTokens,
		long outputTokens, BigDecimal costUsd, long unpricedCalls, byte @Nullable [] sketch, @Nullable Double stored) {

	RollupRow(Readable row, @Nullable Double stored) {
		this(row.get("bucket", OffsetDateTime.class).toInstant(), row.get("calls", Long.class),
				row.get("errors", Long.class), row.get("duration_sum_ms", Double.class),
				row.get("timed_calls", Long.class), row.get("input_tokens", Long.class),
				row.get("output_tokens", Long.class), row.get("cost_usd", BigDecimal.class),
				row.get("unpriced_calls", Long.class), row.get("sketch", byte[].class), stored);
	}

	/** Adds the sums and merges the sketch. */
	void addTo(Aggregate aggregate) {
		aggregate.addRow(this.calls, this.errors, this.durationSumMs, this.timedCalls, this.inputTokens,
				this.outputTokens, this.costUsd, this.unpricedCalls, this.sketch);
	}

	void addSumsTo(Aggregate aggregate) {
		aggregate.addRow(this.calls, this.errors, this.durationSumMs, this.timedCalls, this.inputTokens,
				this.outputTokens, this.costUsd, this.unpricedCalls, null);
	}

}
