package com.xorstack.metrics.dashboard;

import java.time.Instant;

/**
 * What the dashboard shows. More figures (AI latency, error rate, tokens, API
 * percentiles, sessions, SLO status) join as the pipelines that feed them land.
 */
record DashboardSummary(String window, long pendingFeedback, Instant generatedAt) {
}
