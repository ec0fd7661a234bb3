package com.xorstack.metrics.alerting;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * {@code com.xorstack.alerts.state-changed.v1} on {@code alerts.events.v1} (schema in
 * platform), key: the rule id.
 */
record AlertStateChanged(long alertId, UUID ruleId, String rule, long transition, String previousState, String state,
		@Nullable Double value, double threshold, String metric, String severity, Map<String, String> labels,
		Instant at, boolean silenced) {
}
