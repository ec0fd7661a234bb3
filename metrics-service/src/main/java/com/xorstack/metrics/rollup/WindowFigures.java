package com.xorstack.metrics.rollup;

import java.time.Instant;

/**
 * The rollups of a window in one piece: API requests at the gateway, AI calls, and loads
 * of the dashboard summary.
 */
public record WindowFigures(Instant from, Instant to, Aggregate api, Aggregate ai, Aggregate dashboard) {
}
