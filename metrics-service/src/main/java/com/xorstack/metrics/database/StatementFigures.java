package com.xorstack.metrics.database;

/**
 * One statement of one service over a window: {@code p95Ms} is the highest of its
 * per-interval p95s (percentiles of intervals cannot be merged; the worst one is what an
 * operator looks for), {@code meanMs} the total time over the calls.
 */
record StatementFigures(String service, String statement, String text, long calls, long errors, double totalMs,
		double meanMs, double p95Ms, long rows) {
}
