package com.xorstack.metrics.alerting;

import java.util.Set;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Where a rule's notifications go: {@code webhook} (the whole change as JSON),
 * {@code slack} ({@code {"text"}}) or {@code discord} ({@code {"content"}}), each with a
 * {@code url}; {@code email} to the address {@code to} over SMTP; or {@code sms} to the
 * number {@code to} (E.164) through the SMS provider ({@link SmsNotifier}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Receiver(@Nullable String type, @Nullable String url, @Nullable String to) {

	static final Set<String> TYPES = Set.of("webhook", "slack", "discord", "email", "sms");

	/** Names the receiver for its delivery rows and its circuit breaker. */
	String key() {
		return this.type + ":" + (byNumberOrAddress() ? this.to : this.url);
	}

	/** Email and SMS receivers are addressed by {@code to}, the others by {@code url}. */
	boolean byNumberOrAddress() {
		return "email".equals(this.type) || "sms".equals(this.type);
	}

}
