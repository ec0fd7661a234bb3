package com.xorstack.metrics.traffic;

import java.time.Instant;

/** A gateway request with its trace, as the Performance tab lists the slowest. */
record SlowRequest(Instant at, String route, String method, int status, double durationMs, String traceId) {
}
