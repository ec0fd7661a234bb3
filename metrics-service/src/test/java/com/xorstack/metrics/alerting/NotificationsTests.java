package com.xorstack.metrics.alerting;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Rule names and labels are admin- and data-given: in Slack and Discord text they are
 * shown, never interpreted as mentions, links or formatting.
 */
class NotificationsTests {

	private static final String HOSTILE = "<!channel> *urgent* <https://evil.example|login> & @everyone\n- [FIRING] fake";

	@Test
	void slackTextEscapesControlCharactersOfRuleNamesAndLabels() {
		Map<?, ?> body = (Map<?, ?>) Notifications.body(group(), new Receiver("slack", "https://hooks.example", null));

		String text = (String) body.get("text");
		assertThat(text).doesNotContain("<!channel>", "<https://evil.example|login>", "<@U123>", "\n- [FIRING] fake")
			.contains("&lt;!channel&gt;", "&lt;https://evil.example|login&gt;", " &amp; ", "&lt;@U123&gt;")
			.startsWith("[FIRING:1] ");
	}

	@Test
	void discordContentEscapesMarkdownAndMentionsNothing() {
		Map<?, ?> body = (Map<?, ?>) Notifications.body(group(),
				new Receiver("discord", "https://discord.example", null));

		String content = (String) body.get("content");
		assertThat(content).doesNotContain("@everyone", " *urgent*", "[FIRING] fake", "<@U123>")
			.contains("\\*urgent\\*", "\\<https", "\\|login", "\\_", "@\u200Beveryone")
			.startsWith("[FIRING:1] ");
		assertThat(body.get("allowed_mentions")).isEqualTo(Map.of("parse", List.of()));
	}

	private static AlertGroup group() {
		UUID rule = UUID.randomUUID();
		Alert firing = new Alert(1, rule, HOSTILE, 1, "pending", "firing", 7.5, 5.0, "api.error_rate_percent",
				"critical", Map.of("route", "/x<@U123>"), Instant.parse("2026-01-01T00:00:00Z"), null, null, null, null,
				null, null);
		Alert resolved = new Alert(2, rule, HOSTILE, 2, "firing", "resolved", 1.0, 5.0, "api.error_rate_percent",
				"critical", Map.of("route", "/y"), Instant.parse("2026-01-01T00:00:00Z"), null, null, null, null, null,
				null);
		return AlertGroup.of(9, List.of(firing, resolved));
	}

}
