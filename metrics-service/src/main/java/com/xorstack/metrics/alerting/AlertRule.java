package com.xorstack.metrics.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A stored rule: {@code metric} (a timeseries metric name) over the last {@code window},
 * compared with {@code threshold} by {@code operator} ({@code above} or {@code below}),
 * true for at least {@code for} before it fires. Durations are ISO-8601 text.
 */
record AlertRule(UUID id, String name, String metric, Map<String, String> labels, String operator, double threshold,
		String window, @JsonProperty("for") String forDuration, String severity, List<Receiver> receivers, int version,
		String createdBy, Instant createdAt, Instant updatedAt) {

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
