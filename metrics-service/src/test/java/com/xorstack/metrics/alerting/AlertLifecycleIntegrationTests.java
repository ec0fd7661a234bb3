package com.xorstack.metrics.alerting;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class AlertLifecycleIntegrationTests extends AlertingIntegrationTest {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void ruleFiresAfterItsForResolvesAndNotifiesEachReceiverOncePerChange() throws Exception {
		try (TestReceiver receiver = new TestReceiver(0)) {
			String route = route();
			this.calls(route, 10, this.t0.minusSeconds(10));
			Map<String, Object> rule = createRule(requestsRule("lifecycle " + route, route, "PT1M",
					receiver("webhook", receiver.url("/hook")) + "," + receiver("slack", receiver.url("/slack")) + ","
							+ receiver("discord", receiver.url("/discord"))));

			tick(this.t0);
			assertThat(state(rule.get("id"))).isEqualTo("pending");
			tick(this.t0.plusSeconds(30));
			assertThat(state(rule.get("id"))).isEqualTo("pending");
			// pending is recorded, never sent
			assertThat(deliver(this.t0.plusSeconds(30))).isZero();
			assertThat(alerts("?ruleId=" + rule.get("id"))).extracting((alert) -> alert.get("state"))
				.containsExactly("pending");

			tick(this.t0.plusSeconds(61));
			assertThat(state(rule.get("id"))).isEqualTo("firing");
			tick(this.t0.plusSeconds(90));
			assertThat(deliver(this.t0.plusSeconds(90))).isEqualTo(3);
			assertThat(deliver(this.t0.plusSeconds(91))).isZero();
			assertThat(receiver.accepted()).hasSize(3);

			JsonNode notification = this.json.readTree(receiver.accepted("/hook").get(0).body());
			assertThat(notification.get("state").asString()).isEqualTo("firing");
			assertThat(notification.get("rule").asString()).isEqualTo("lifecycle " + route);
			assertThat(notification.get("alerts")).hasSize(1);
			JsonNode firing = notification.get("alerts").get(0);
			assertThat(firing.get("state").asString()).isEqualTo("firing");
			assertThat(firing.get("previousState").asString()).isEqualTo("pending");
			assertThat(firing.get("value").asDouble()).isEqualTo(10.0);
			assertThat(firing.get("labels").get("route").asString()).isEqualTo(route);
			assertThat(this.json.readTree(receiver.accepted("/slack").get(0).body()).get("text").asString())
				.startsWith("[FIRING] lifecycle");
			assertThat(this.json.readTree(receiver.accepted("/discord").get(0).body()).get("content").asString())
				.startsWith("[FIRING] lifecycle");

			// five minutes later the window no longer holds the calls
			tick(this.t0.plusSeconds(6 * 60));
			assertThat(state(rule.get("id"))).isEqualTo("resolved");
			tick(this.t0.plusSeconds(7 * 60));
			assertThat(deliver(this.t0.plusSeconds(7 * 60))).isEqualTo(3);
			assertThat(receiver.accepted()).hasSize(6);
			assertThat(this.json.readTree(receiver.accepted("/hook").get(1).body()).get("state").asString())
				.isEqualTo("resolved");

			List<Map<String, Object>> history = alerts("?ruleId=" + rule.get("id"));
			assertThat(history).extracting((alert) -> alert.get("state"))
				.containsExactly("resolved", "firing", "pending");
			assertThat(history.get(2)).doesNotContainKey("notificationId");
			assertThat(history.get(1).get("notificationId")).isNotNull();
			assertThat(alerts("?ruleId=" + rule.get("id") + "&state=firing")).hasSize(1);
		}
	}

	@Test
	void pendingThatStopsBeforeItsForNeverFires() throws Exception {
		try (TestReceiver receiver = new TestReceiver(0)) {
			String route = route();
			this.calls(route, 10, this.t0.minusSeconds(10));
			Map<String, Object> rule = createRule(
					requestsRule("short " + route, route, "PT10M", receiver("webhook", receiver.url("/hook"))));
			tick(this.t0);
			assertThat(state(rule.get("id"))).isEqualTo("pending");
			tick(this.t0.plusSeconds(6 * 60));
			assertThat(state(rule.get("id"))).isEqualTo("inactive");
			deliver(this.t0.plusSeconds(6 * 60));
			assertThat(receiver.hits()).isZero();
			assertThat(alerts("?ruleId=" + rule.get("id"))).extracting((alert) -> alert.get("state"))
				.containsExactly("inactive", "pending");
		}
	}

	@Test
	void receiverThatFailsThenRecoversGetsEveryNotificationExactlyOnce() throws Exception {
		// three attempts per delivery: the first delivery fails all three, is kept as
		// failed, and succeeds at its next due time on the third attempt
		try (TestReceiver receiver = new TestReceiver(5)) {
			String route = route();
			this.calls(route, 10, this.t0.minusSeconds(10));
			Map<String, Object> rule = createRule(
					requestsRule("flaky " + route, route, "PT0S", receiver("webhook", receiver.url("/hook"))));
			tick(this.t0);
			assertThat(state(rule.get("id"))).isEqualTo("firing");
			assertThat(deliver(this.t0)).isZero();
			assertThat(receiver.hits()).isEqualTo(3);
			Map<String, Object> failed = delivery(rule.get("id"));
			assertThat(failed).containsEntry("status", "failed").containsEntry("attempts", 1);
			assertThat((String) failed.get("last_error")).contains("500");

			assertThat(deliver(this.t0.plusSeconds(10))).as("not due yet").isZero();
			assertThat(receiver.hits()).isEqualTo(3);

			assertThat(deliver(this.t0.plusSeconds(2 * 60))).isEqualTo(1);
			assertThat(receiver.hits()).isEqualTo(6);
			assertThat(delivery(rule.get("id"))).containsEntry("status", "sent").containsEntry("attempts", 2);

			tick(this.t0.plusSeconds(6 * 60));
			assertThat(deliver(this.t0.plusSeconds(6 * 60))).isEqualTo(1);
			assertThat(deliver(this.t0.plusSeconds(60 * 60))).isZero();
			assertThat(receiver.accepted()).extracting((received) -> this.json.readTree(received.body()))
				.extracting((body) -> body.get("state").asString())
				.containsExactly("firing", "resolved");
			assertThat(receiver.accepted()).extracting(TestReceiver.Received::delivery).doesNotHaveDuplicates();
		}
	}

	private Map<String, Object> delivery(Object ruleId) {
		return this.db
			.sql("select d.status, d.attempts, d.last_error from notification_deliveries d"
					+ " join alert_notifications n on n.id = d.notification_id where n.rule_id = :rule"
					+ " order by d.id desc limit 1")
			.bind("rule", java.util.UUID.fromString(ruleId.toString()))
			.fetch()
			.one()
			.block(TIMEOUT);
	}

}
