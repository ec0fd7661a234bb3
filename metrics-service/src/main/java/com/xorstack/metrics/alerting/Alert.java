package com.xorstack.metrics.alerting;

import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One stored state change of a rule (to firing or resolved): what the API lists, what an
 * admin acknowledges, and what a generic webhook receives.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Alert(long id, UUID ruleId, String rule, long transition, String previousState, String state,
		@Nullable Double value, double threshold, String metric, String severity, Map<String, String> labels,
		Instant at, @Nullable UUID silencedBy, @Nullable String ackBy, @Nullable Instant ackAt) {

	String summary() {
		return "[" + this.state.toUpperCase(Locale.ROOT) + "] " + this.rule + " (" + this.severity + "): " + this.metric
				+ " = " + ((this.value != null) ? this.value : "no data") + ", threshold " + this.threshold
				+ (this.labels.isEmpty() ? "" : " " + this.labels);
	}

}
