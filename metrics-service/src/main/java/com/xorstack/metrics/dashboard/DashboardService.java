package com.xorstack.metrics.dashboard;

import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import com.xorstack.metrics.activity.ActivityRepository;
import com.xorstack.metrics.feedback.FeedbackStateRepository;
import com.xorstack.metrics.rollup.Aggregate;
import com.xorstack.metrics.rollup.RollupReader;
import com.xorstack.metrics.rollup.WindowFigures;
import com.xorstack.metrics.slo.SloEvaluator;
import com.xorstack.metrics.slo.SloStatus;

/** Builds the summary from the rollups, activity, feedback state and SLO targets. */
@Component
class DashboardService {

	private final RollupReader rollups;

	private final ActivityRepository activity;

	private final FeedbackStateRepository feedback;

	private final SloEvaluator slos;

	private final DashboardProperties properties;

	private final Clock clock;

	DashboardService(RollupReader rollups, ActivityRepository activity, FeedbackStateRepository feedback,
			SloEvaluator slos, DashboardProperties properties, Clock clock) {
		this.rollups = rollups;
		this.activity = activity;
		this.feedback = feedback;
		this.slos = slos;
		this.properties = properties;
		this.clock = clock;
	}

	Mono<DashboardSummary> summarize(DashboardWindow window) {
		Instant now = this.clock.instant();
		// every read at once: the figures, sessions, feedback and SLO targets
		return Mono
			.zip(this.rollups.figures(now.minus(window.duration()), now),
					this.activity.activeSessionsSince(now.minus(this.properties.activeSessionWindow())),
					this.feedback.countByStatus("pending"), this.slos.targets())
			.map((all) -> summary(window, all.getT1(), all.getT2(), all.getT3(),
					this.slos.evaluate(all.getT1(), all.getT4())));
	}

	private DashboardSummary summary(DashboardWindow window, WindowFigures figures, long activeSessions,
			long pendingFeedback, List<SloStatus> slos) {
		Aggregate ai = figures.ai();
		Aggregate api = figures.api();
		return new DashboardSummary(window.text(), figures.from(), figures.to(), ai.calls(), ai.averageMs(),
				ai.quantileMs(0.95), ai.errorRatePercent(), ai.inputTokens(), ai.outputTokens(),
				ai.inputTokens() + ai.outputTokens(), ai.costUsd().setScale(6, RoundingMode.HALF_UP),
				ai.unpricedCalls(), api.calls(), api.errorRatePercent(), api.quantileMs(0.50), api.quantileMs(0.95),
				api.quantileMs(0.99), activeSessions, pendingFeedback, slos, this.clock.instant());
	}

}
