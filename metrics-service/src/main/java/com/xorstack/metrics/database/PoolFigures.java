package com.xorstack.metrics.database;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One service's connection pool over a window: acquisitions, the highest per-interval p95
 * of the wait for a connection, the most connections in use and waiting, and the pool's
 * size at the latest reading.
 */
record PoolFigures(String service, long acquires, double waitP95Ms, long inUsePeak, long pendingPeak,
		@Nullable Long max, @Nullable Instant latestAt) {
}
