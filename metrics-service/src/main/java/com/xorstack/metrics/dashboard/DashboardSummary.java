package com.xorstack.metrics.dashboard;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

import com.xorstack.metrics.slo.SloStatus;

/**
 * What the dashboard shows over a window. AI figures are of the calls edge functions
 * logged; {@code errorRatePercent} is theirs, {@code apiErrorRatePercent} the share of
 * gateway answers that were 5xx. Latencies are {@code null} when nothing was measured.
 * {@code activeSessions} counts distinct sessions seen in the last 15 minutes, whatever
 * the window.
 */
record DashboardSummary(String window, Instant from, Instant to, long aiCalls, @Nullable Double avgAiLatencyMs,
		@Nullable Double aiP95Ms, @Nullable Double errorRatePercent, long inputTokens, long outputTokens,
		long totalTokens, BigDecimal estimatedCostUsd, long unpricedAiCalls, long apiRequests,
		@Nullable Double apiErrorRatePercent, @Nullable Double apiP50Ms, @Nullable Double apiP95Ms,
		@Nullable Double apiP99Ms, long activeSessions, long pendingFeedback, List<SloStatus> slos,
		Instant generatedAt) {

	/** Equal figures, whenever they were generated: a stream pushes on change. */
	boolean sameFiguresAs(@Nullable DashboardSummary other) {
		return other != null && withGeneratedAt(Instant.EPOCH).equals(other.withGeneratedAt(Instant.EPOCH));
	}

	private DashboardSummary withGeneratedAt(Instant at) {
		return new DashboardSummary(this.window, Instant.EPOCH, Instant.EPOCH, this.aiCalls, this.avgAiLatencyMs,
				this.aiP95Ms, this.errorRatePercent, this.inputTokens, this.outputTokens, this.totalTokens,
				this.estimatedCostUsd, this.unpricedAiCalls, this.apiRequests, this.apiErrorRatePercent, this.apiP50Ms,
				this.apiP95Ms, this.apiP99Ms, this.activeSessions, this.pendingFeedback, this.slos, at);
	}

}
