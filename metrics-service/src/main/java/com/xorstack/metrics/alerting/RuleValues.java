package com.xorstack.metrics.alerting;

import java.time.Instant;
import java.util.HashMap;
import java.util.DoubleSummaryStatistics;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import com.xorstack.metrics.gauge.GaugeRepository;
import com.xorstack.metrics.rollup.Aggregate;
import com.xorstack.metrics.rollup.Labels;
import com.xorstack.metrics.rollup.RollupGroups;
import com.xorstack.metrics.rollup.RollupReader;
import com.xorstack.metrics.timeseries.SeriesMetric;
import com.xorstack.metrics.uptime.UptimeValues;

/**
 * A rule's metric over its window, per alert instance: one value (key {@code ""}) for a
 * rule without {@code groupBy}, one per label value with data otherwise. Per-user rules
 * read the per-user minute rollups, gauge rules ({@code gauge:<name>}) the gauge
 * readings, the others the rollups.
 */
@Component
class RuleValues {

	private final RollupReader rollups;

	private final RollupGroups groups;

	private final GaugeRepository gauges;

	private final UptimeValues uptime;

	RuleValues(RollupReader rollups, RollupGroups groups, GaugeRepository gauges, UptimeValues uptime) {
		this.rollups = rollups;
		this.groups = groups;
		this.gauges = gauges;
		this.uptime = uptime;
	}

	/**
	 * Empty for a metric this service does not know (rules are validated when stored, so
	 * only one of an older version).
	 */
	Mono<Map<String, @Nullable Double>> of(AlertRule rule, Instant now) {
		String gauge = GaugeRules.name(rule.metric());
		if (gauge != null) {
			return gauge(rule, gauge, now);
		}
		if (UptimeRules.isUptime(rule.metric())) {
			return uptime(rule, now);
		}
		SeriesMetric metric = SeriesMetric.of(rule.metric());
		return (metric != null) ? rollup(rule, metric, now) : Mono.empty();
	}

	private Mono<Map<String, @Nullable Double>> rollup(AlertRule rule, SeriesMetric metric, Instant now) {
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

	/**
	 * The latest reading of each label set in {@code [now - window, now]}, summed per
	 * instance; no instance without readings (an ungrouped rule's is no value).
	 */
	private Mono<Map<String, @Nullable Double>> gauge(AlertRule rule, String name, Instant now) {
		return this.gauges.latestSums(name, rule.labels(), rule.groupBy(), now.minus(rule.windowDuration()), now)
			.map((sums) -> {
				Map<String, @Nullable Double> byInstance = new HashMap<>(sums);
				if (rule.groupBy() == null) {
					byInstance.putIfAbsent(AlertStates.UNGROUPED, null);
				}
				return byInstance;
			});
	}

	/**
	 * Per check with {@code groupBy}; otherwise one value: the filtered check's, or over
	 * every check the lowest {@code uptime.up} and the mean response time.
	 */
	private Mono<Map<String, @Nullable Double>> uptime(AlertRule rule, Instant now) {
		return this.uptime
			.byCheck(rule.metric(), rule.labels().get(UptimeRules.CHECK), now.minus(rule.windowDuration()), now)
			.map((byCheck) -> {
				if (rule.groupBy() != null) {
					return byCheck;
				}
				DoubleSummaryStatistics values = byCheck.values()
					.stream()
					.filter(Objects::nonNull)
					.mapToDouble(Double::doubleValue)
					.summaryStatistics();
				boolean none = values.getCount() == 0;
				return single(
						none ? null : UptimeValues.UP.equals(rule.metric()) ? values.getMin() : values.getAverage());
			});
	}

	private static Map<String, @Nullable Double> single(@Nullable Double value) {
		Map<String, @Nullable Double> one = new HashMap<>();
		one.put(AlertStates.UNGROUPED, value);
		return one;
	}

	/**
	 * A value of the rule's metric for an instance without data in the window: none for a
	 * gauge, as for a rate or latency.
	 */
	static @Nullable Double noData(AlertRule rule) {
		SeriesMetric metric = SeriesMetric.of(rule.metric());
		return (metric != null) ? metric.value((Aggregate) null) : null;
	}

}
