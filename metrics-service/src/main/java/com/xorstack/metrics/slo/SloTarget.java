package com.xorstack.metrics.slo;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** An objective as stored: its target and who changed it last. */
public record SloTarget(String metric, double target, String unit, String description, Instant updatedAt,
		@Nullable String updatedBy) {
}
