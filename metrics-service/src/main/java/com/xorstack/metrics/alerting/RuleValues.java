package com.xorstack.metrics.alerting;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import com.xorstack.metrics.rollup.Aggregate;
import com.xorstack.metrics.rollup.Labels;
import com.xorstack.metrics.rollup.RollupGroups;
import com.xorstack.metrics.rollup.RollupReader;
import com.xorstack.metrics.timeseries.SeriesMetric;

/**
 * A rule's metric over its window, per alert instance: one value (key {@code ""}) for a
 * rule without {@code groupBy}, one per label value with data otherwise. Per-user rules
 * read the per-user minute rollups; the others the rollups.
 */
@Component
class RuleValues {

	private final RollupReader rollups;

	private final RollupGroups groups;

	RuleValues(RollupReader rollups, RollupGroups groups) {
		this.rollups = rollups;
		this.groups = groups;
	}

	Mono<Map<String, @Nullable Double>> of(AlertRule rule, SeriesMetric metric, Instant now) {
		Instant from = now.minus(rule.windowDuration());
		Map<String, String> labels = rule.labels();
		String user = labels.get(RuleRequest.USER);
		boolean sketches = rule.metric().matches(".*\\.p\\d+_ms");
		if (rule.groupBy() == null && user == null) {
			Labels filter = new Labels(labels.getOrDefault("route", labels.get("function")), labels.get("model"),
					labels.get("operation"));
			return this.rollups.aggregate(metric.kind(), filter, from, now)
				.map((aggregate) -> single(metric.value(aggregate)))
				.defaultIfEmpty(single(metric.value(null)));
		}
		if (rule.groupBy() == null) {
			return this.groups
				.aggregateBy(metric.kind(), new Labels(user, null, null), RollupGroups.By.USER, from, now, sketches)
				.map((values) -> single(metric.value(values.get(user))));
		}
		Labels filter = new Labels(labels.getOrDefault("route", labels.get("function")), labels.get("model"),
				labels.get("operation"));
		RollupGroups.By by = switch (rule.groupBy()) {
			case RuleRequest.USER -> RollupGroups.By.USER;
			case "model" -> RollupGroups.By.MODEL;
			default -> RollupGroups.By.NAME;
		};
		return this.groups.aggregateBy(metric.kind(), filter, by, from, now, sketches).map((values) -> {
			Map<String, @Nullable Double> byInstance = new HashMap<>();
			values.forEach((key, aggregate) -> byInstance.put(key, metric.value(aggregate)));
			return byInstance;
		});
	}

	private static Map<String, @Nullable Double> single(@Nullable Double value) {
		Map<String, @Nullable Double> one = new HashMap<>();
		one.put(AlertStates.UNGROUPED, value);
		return one;
	}

	/** A value of the metric for an instance without data in the window. */
	static @Nullable Double noData(SeriesMetric metric) {
		return metric.value((Aggregate) null);
	}

}
