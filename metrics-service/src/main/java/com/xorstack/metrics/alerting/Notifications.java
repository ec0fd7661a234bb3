package com.xorstack.metrics.alerting;

import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

/**
 * The body each receiver type gets for a notification: the whole {@link AlertGroup} for a
 * generic webhook, {@code {"text"}} for Slack-compatible and {@code {"content"}} for
 * Discord-compatible webhooks, the group itself for email. Chat text escapes what admins
 * and data put in it ({@link Markup}); Discord is also told to ping no one.
 */
@Component
class Notifications {

	private final AlertHistory history;

	Notifications(AlertHistory history) {
		this.history = history;
	}

	Mono<Object> payload(long notification, Receiver receiver) {
		return this.history.notified(notification)
			.collectList()
			.filter((alerts) -> !alerts.isEmpty())
			.map((alerts) -> body(AlertGroup.of(notification, alerts), receiver));
	}

	static Object body(AlertGroup group, Receiver receiver) {
		return switch (String.valueOf(receiver.type())) {
			case "slack" -> Map.of("text", group.summary(Markup::slack));
			case "discord" ->
				Map.of("content", group.summary(Markup::discord), "allowed_mentions", Map.of("parse", List.of()));
			default -> group;
		};
	}

}
