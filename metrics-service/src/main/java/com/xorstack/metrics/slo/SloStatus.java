package com.xorstack.metrics.slo;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One objective now: {@code ok} while the current value is below the target,
 * {@code breached} at or above it, {@code no_data} when the window has nothing to
 * measure.
 */
public record SloStatus(String metric, String description, String unit, double target, @Nullable Double current,
		String status, Instant updatedAt, @Nullable String updatedBy) {
}
