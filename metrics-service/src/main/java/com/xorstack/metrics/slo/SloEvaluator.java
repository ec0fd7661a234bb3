package com.xorstack.metrics.slo;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import com.xorstack.metrics.rollup.WindowFigures;

/**
 * Measures each objective over a window's rollups. "Edge function" means an AI call, as
 * the edge functions log them; the dashboard load is the gateway's time for
 * {@code GET /api/admin/dashboard/summary}.
 */
@Component
public class SloEvaluator {

	static final Map<String, Function<WindowFigures, @Nullable Double>> MEASURES = Map.of(
			"edge_function_latency_avg_ms", (figures) -> figures.ai().averageMs(), "error_rate_percent",
			(figures) -> figures.ai().errorRatePercent(), "ai_p95_ms", (figures) -> figures.ai().quantileMs(0.95),
			"dashboard_load_p95_ms", (figures) -> figures.dashboard().quantileMs(0.95));

	private final SloRepository targets;

	SloEvaluator(SloRepository targets) {
		this.targets = targets;
	}

	public Mono<List<SloStatus>> evaluate(WindowFigures figures) {
		return targets().map((targets) -> evaluate(figures, targets));
	}

	/** The targets, read apart so that a caller can read them alongside the figures. */
	public Mono<List<SloTarget>> targets() {
		return this.targets.findAll().filter((target) -> MEASURES.containsKey(target.metric())).collectList();
	}

	public List<SloStatus> evaluate(WindowFigures figures, List<SloTarget> targets) {
		return targets.stream().map((target) -> status(target, figures)).toList();
	}

	private static SloStatus status(SloTarget target, WindowFigures figures) {
		Double current = MEASURES.get(target.metric()).apply(figures);
		String status = (current == null) ? "no_data" : (current < target.target()) ? "ok" : "breached";
		return new SloStatus(target.metric(), target.description(), target.unit(), target.target(), current, status,
				target.updatedAt(), target.updatedBy());
	}

}
