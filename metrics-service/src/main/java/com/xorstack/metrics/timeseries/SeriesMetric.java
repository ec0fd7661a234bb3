package com.xorstack.metrics.timeseries;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import com.xorstack.metrics.rollup.Aggregate;
import com.xorstack.metrics.rollup.Observation;

/**
 * The rollup metrics a series can show, the kind each reads, and its labels. Alert rules
 * name the same metrics.
 */
public enum SeriesMetric {

	API_REQUESTS("api.requests", Observation.API, (a) -> (double) a.calls(), true),
	API_ERRORS("api.errors", Observation.API, (a) -> (double) a.errors(), true),
	API_ERROR_RATE("api.error_rate_percent", Observation.API, Aggregate::errorRatePercent, false),
	API_LATENCY_AVG("api.latency.avg_ms", Observation.API, Aggregate::averageMs, false),
	API_LATENCY_P50("api.latency.p50_ms", Observation.API, 0.50),
	API_LATENCY_P95("api.latency.p95_ms", Observation.API, 0.95),
	API_LATENCY_P99("api.latency.p99_ms", Observation.API, 0.99),
	AI_CALLS("ai.calls", Observation.AI, (a) -> (double) a.calls(), true),
	AI_ERRORS("ai.errors", Observation.AI, (a) -> (double) a.errors(), true),
	AI_ERROR_RATE("ai.error_rate_percent", Observation.AI, Aggregate::errorRatePercent, false),
	AI_LATENCY_AVG("ai.latency.avg_ms", Observation.AI, Aggregate::averageMs, false),
	AI_LATENCY_P50("ai.latency.p50_ms", Observation.AI, 0.50),
	AI_LATENCY_P95("ai.latency.p95_ms", Observation.AI, 0.95),
	AI_LATENCY_P99("ai.latency.p99_ms", Observation.AI, 0.99),
	AI_TOKENS_INPUT("ai.tokens.input", Observation.AI, (a) -> (double) a.inputTokens(), true),
	AI_TOKENS_OUTPUT("ai.tokens.output", Observation.AI, (a) -> (double) a.outputTokens(), true),
	AI_TOKENS_TOTAL("ai.tokens.total", Observation.AI, (a) -> (double) (a.inputTokens() + a.outputTokens()), true),
	AI_COST("ai.cost_usd", Observation.AI, (a) -> a.costUsd().doubleValue(), true),
	DASHBOARD_LOAD_P95("dashboard.load.p95_ms", Observation.DASHBOARD, 0.95);

	static final String GAUGE_PREFIX = "gauge:";

	private final String text;

	private final String kind;

	private final Function<Aggregate, @Nullable Double> value;

	private final boolean count;

	private final @Nullable Double quantile;

	SeriesMetric(String text, String kind, Function<Aggregate, @Nullable Double> value, boolean count) {
		this.text = text;
		this.kind = kind;
		this.value = value;
		this.count = count;
		this.quantile = null;
	}

	SeriesMetric(String text, String kind, double quantile) {
		this.text = text;
		this.kind = kind;
		this.value = (aggregate) -> aggregate.quantileMs(quantile);
		this.count = false;
		this.quantile = quantile;
	}

	public static @Nullable SeriesMetric of(String text) {
		return Arrays.stream(values()).filter((metric) -> metric.text.equals(text)).findFirst().orElse(null);
	}

	public static List<String> names() {
		return Arrays.stream(values()).map((metric) -> metric.text).toList();
	}

	public String kind() {
		return this.kind;
	}

	/**
	 * The duration quantile this metric shows, {@code null} when it shows sums: a series
	 * reads sketches only for the one it needs.
	 */
	public @Nullable Double quantile() {
		return this.quantile;
	}

	/**
	 * Labels a filter may name: {@code route} for the API, function, model, operation for
	 * AI.
	 */
	public Set<String> labels() {
		return switch (this.kind) {
			case Observation.API -> Set.of("route");
			case Observation.AI -> Set.of("function", "model", "operation");
			default -> Set.of();
		};
	}

	/** A step without data: zero for counts, nothing for rates and latencies. */
	public @Nullable Double value(@Nullable Aggregate aggregate) {
		if (aggregate == null) {
			return this.count ? 0.0 : null;
		}
		return this.value.apply(aggregate);
	}

}
