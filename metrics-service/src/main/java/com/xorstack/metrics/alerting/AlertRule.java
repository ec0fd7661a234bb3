package com.xorstack.metrics.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * A stored rule: {@code metric} (a timeseries metric name or {@code gauge:<name>}) over
 * the last {@code window}, compared with {@code threshold} by {@code operator}
 * ({@code above} or {@code below}), true for at least {@code for} before it fires.
 * Durations are ISO-8601 text. With {@code groupBy} (route, function, model or user; any
 * label of a gauge) each value of that label is an alert instance of its own; without it
 * the rule is one instance (group key {@code ""}).
 */
record AlertRule(UUID id, String name, String metric, Map<String, String> labels, @Nullable String groupBy,
		String operator, double threshold, String window, @JsonProperty("for") String forDuration, String severity,
		List<Receiver> receivers, int version, String createdBy, Instant createdAt, Instant updatedAt) {

	/** The labels of one instance: the rule's, its group label, severity and metric. */
	Map<String, String> instanceLabels(String groupKey) {
		Map<String, String> all = new LinkedHashMap<>(this.labels);
		if (this.groupBy != null) {
			all.put(this.groupBy, groupKey);
		}
		all.put("severity", this.severity);
		all.put("metric", this.metric);
		return all;
	}

	Duration windowDuration() {
		return Duration.parse(this.window);
	}

	Duration pendingDuration() {
		return Duration.parse(this.forDuration);
	}

	boolean breached(double value) {
		return "below".equals(this.operator) ? value < this.threshold : value > this.threshold;
	}

}
