package com.xorstack.metrics.alerting;

import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Where a rule's notifications go: {@code webhook} (the whole change as JSON),
 * {@code slack} ({@code {"text"}}) or {@code discord} ({@code {"content"}}), each with a
 * {@code url}; or {@code email} to the address {@code to} over SMTP.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Receiver(@Nullable String type, @Nullable String url, @Nullable String to) {

	static final Set<String> TYPES = Set.of("webhook", "slack", "discord", "email");

	/** Names the receiver for its delivery rows and its circuit breaker. */
	String key() {
		return this.type + ":" + ("email".equals(this.type) ? this.to : this.url);
	}

}
