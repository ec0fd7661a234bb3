package com.xorstack.metrics.alerting;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One stored state change of an alert instance (to pending, firing, resolved or back to
 * inactive): what the API lists, what an admin acknowledges, and what a notification
 * lists ({@code notificationId}: the notification that sent it, if one did). The API adds
 * that notification's {@code deliveries}: per receiver, sent, still trying, given up or
 * cancelled, with the last error; and {@code traceId}, a request to look at when an API
 * rule starts pending or firing (see {@code AlertHistory}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Alert(long id, UUID ruleId, String rule, long transition, String previousState, String state,
		@Nullable Double value, double threshold, String metric, String severity, Map<String, String> labels,
		Instant at, @Nullable UUID silencedBy, @Nullable Long notificationId, @Nullable String ackBy,
		@Nullable Instant ackAt, @Nullable List<Delivery> deliveries, @Nullable String traceId) {

	String summary() {
		return summary(UnaryOperator.identity());
	}

	/** The summary with every admin- or data-given part passed through {@code text}. */
	String summary(UnaryOperator<String> text) {
		return "[" + this.state.toUpperCase(Locale.ROOT) + "] " + text.apply(this.rule) + " ("
				+ text.apply(this.severity) + "): " + text.apply(this.metric) + " = "
				+ ((this.value != null) ? this.value : "no data") + ", threshold " + this.threshold
				+ (this.labels.isEmpty() ? "" : " " + labels(text));
	}

	private String labels(UnaryOperator<String> text) {
		return this.labels.entrySet()
			.stream()
			.map((label) -> text.apply(label.getKey()) + "=" + text.apply(label.getValue()))
			.collect(Collectors.joining(", ", "{", "}"));
	}

	/**
	 * One delivery of the notification: {@code status} {@code pending}, {@code sending},
	 * {@code failed} (tried again later), {@code sent}, {@code abandoned} (given up) or
	 * {@code cancelled} (rule deleted, or the receiver removed from it).
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Delivery(Receiver receiver, String status, int attempts, @Nullable String lastError,
			@Nullable Instant sentAt) {
	}

}
