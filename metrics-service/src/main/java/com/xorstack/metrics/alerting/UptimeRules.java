package com.xorstack.metrics.alerting;

import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import com.xorstack.metrics.uptime.UptimeValues;
import com.xorstack.platform.web.InvalidParameterException;

/**
 * Rules over uptime checks: {@code uptime.up} (0 while a check is down) and
 * {@code uptime.response_ms}, filtered by {@code labels.check} (a check's name) or one
 * instance per check with {@code groupBy: check}. Without either, one instance over every
 * check: the lowest {@code uptime.up}, the mean {@code uptime.response_ms}.
 */
final class UptimeRules {

	static final Set<String> METRICS = Set.of(UptimeValues.UP, UptimeValues.RESPONSE_MS);

	static final String CHECK = "check";

	private UptimeRules() {
	}

	static boolean isUptime(String metric) {
		return METRICS.contains(metric);
	}

	static void check(Map<String, String> labels, @Nullable String groupBy) {
		labels.forEach((label, value) -> {
			if (!CHECK.equals(label)) {
				throw new InvalidParameterException("labels." + label,
						"is not a label of uptime metrics (labels: [check])");
			}
			if (value == null || value.isBlank()) {
				throw new InvalidParameterException("labels." + label, "must not be blank");
			}
		});
		if (groupBy != null && !CHECK.equals(groupBy)) {
			throw new InvalidParameterException("groupBy", "must be check for uptime metrics");
		}
		if (groupBy != null && labels.containsKey(CHECK)) {
			throw new InvalidParameterException("groupBy", "is fixed by labels.check already");
		}
	}

}
