package com.xorstack.metrics.rollup;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One event as the rollups see it. {@code kind} is api, ai or dashboard; labels a kind
 * does not have are empty strings. A duration of {@code null} counts the call without
 * timing it; a cost of {@code null} on an AI call counts it as unpriced.
 */
public record Observation(String kind, String name, String model, String operation, Instant at,
		@Nullable Double durationMs, boolean error, long inputTokens, long outputTokens, @Nullable BigDecimal costUsd,
		boolean unpriced) {

	public static final String API = "api";

	public static final String AI = "ai";

	public static final String DASHBOARD = "dashboard";

	/** The label value of the rows that hold every event of a kind. */
	public static final String ALL = "*";

}
