package com.xorstack.metrics.alerting;

import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The body each receiver type gets for a change: the whole {@link Alert} for a generic
 * webhook, {@code {"text"}} for Slack-compatible and {@code {"content"}} for
 * Discord-compatible webhooks.
 */
@Component
class Notifications {

	private final AlertHistory history;

	Notifications(AlertHistory history) {
		this.history = history;
	}

	Mono<Object> payload(long historyId, Receiver receiver) {
		return this.history.find(historyId).map((alert) -> body(alert, receiver));
	}

	static Object body(Alert alert, Receiver receiver) {
		return switch (String.valueOf(receiver.type())) {
			case "slack" -> Map.of("text", alert.summary());
			case "discord" -> Map.of("content", alert.summary());
			default -> alert;
		};
	}

}
