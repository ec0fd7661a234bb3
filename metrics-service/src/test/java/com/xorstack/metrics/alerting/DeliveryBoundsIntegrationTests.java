package com.xorstack.metrics.alerting;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * A delivery is tried in at most {@code give-up-after-attempts} runs (8) and for at most
 * {@code give-up-after} (a day) after its notification, and never once its rule is
 * deleted or its receiver removed from the rule; each way it ends shows in the rule's
 * history.
 */
class DeliveryBoundsIntegrationTests extends AlertingIntegrationTest {

	@Test
	void aFailingDeliveryStopsAfterItsAttemptLimit() throws Exception {
		// a breaker that never opens: every run is an attempt
		AlertingProperties settings = new AlertingProperties(this.properties.evaluationInterval(),
				this.properties.deliveryInterval(), this.properties.evaluationTimeout(), this.properties.maxAttempts(),
				this.properties.retryBackoff(), this.properties.timeout(), this.properties.redeliveryBackoff(),
				this.properties.lease(), this.properties.mailFrom(), this.properties.maxInstancesPerRule(), 1000,
				this.properties.breakerOpenWait(), this.properties.giveUpAfterAttempts(),
				this.properties.giveUpAfter());
		AlertDeliverer deliverer = deliverer(settings, this.clock);
		try (TestReceiver receiver = new TestReceiver(Integer.MAX_VALUE)) {
			String ruleId = firingRule("bounded attempts", receiver);
			// 65 minutes apart: past the longest redelivery backoff (64 x PT1M), within a
			// day
			for (int round = 0; round < 12; round++) {
				deliverer.deliverDue(this.t0.plus(Duration.ofMinutes(65L * round))).block(TIMEOUT);
			}

			assertThat(receiver.hits()).isEqualTo(8 * this.properties.maxAttempts());
			Map<String, Object> delivery = delivery(ruleId);
			assertThat(delivery).containsEntry("status", "abandoned").containsEntry("attempts", 8);
			assertThat((String) delivery.get("lastError")).startsWith("gave up after 8 attempts").contains("500");
		}
	}

	@Test
	void aDeliveryOlderThanItsMaxAgeIsNotTriedAgain() throws Exception {
		try (TestReceiver receiver = new TestReceiver(Integer.MAX_VALUE)) {
			String ruleId = firingRule("bounded age", receiver);
			deliver(this.t0);
			int hits = receiver.hits();

			deliver(this.t0.plus(Duration.ofHours(25)));

			assertThat(receiver.hits()).isEqualTo(hits);
			Map<String, Object> delivery = delivery(ruleId);
			assertThat(delivery).containsEntry("status", "abandoned");
			assertThat((String) delivery.get("lastError")).startsWith("gave up: older than PT24H");
		}
	}

	@Test
	void theDeliveriesOfADeletedRuleAreCancelled() throws Exception {
		try (TestReceiver receiver = new TestReceiver(0)) {
			String ruleId = firingRule("deleted before delivery", receiver);
			this.web.delete()
				.uri("/api/admin/alert-rules/{id}", ruleId)
				.headers((headers) -> headers.setBearerAuth(adminToken()))
				.exchange()
				.expectStatus()
				.isNoContent();

			assertThat(deliver(this.t0)).isZero();
			assertThat(receiver.hits()).isZero();
			Map<String, Object> delivery = delivery(ruleId);
			assertThat(delivery).containsEntry("status", "cancelled").containsEntry("lastError", "rule deleted");
		}
	}

	@Test
	void theDeliveriesToAReceiverRemovedFromTheRuleAreCancelled() throws Exception {
		try (TestReceiver removed = new TestReceiver(0); TestReceiver kept = new TestReceiver(0)) {
			String route = route();
			calls(route, 10, this.t0.minusSeconds(10));
			String both = receiver("webhook", removed.url("/removed")) + "," + receiver("webhook", kept.url("/kept"));
			Map<String, Object> rule = createRule(requestsRule("receiver removed", route, "PT0S", both));
			tick(this.t0);
			this.web.put()
				.uri("/api/admin/alert-rules/{id}", rule.get("id"))
				.headers((headers) -> headers.setBearerAuth(adminToken()))
				.header("If-Match", "\"" + rule.get("version") + "\"")
				.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(requestsRule("receiver removed", route, "PT0S", receiver("webhook", kept.url("/kept"))))
				.exchange()
				.expectStatus()
				.isOk();

			assertThat(deliver(this.t0)).isEqualTo(1);
			assertThat(removed.hits()).isZero();
			assertThat(kept.accepted("/kept")).hasSize(1);
			@SuppressWarnings("unchecked")
			List<Map<String, Object>> deliveries = (List<Map<String, Object>>) alerts(
					"?state=firing&ruleId=" + rule.get("id"))
				.get(0)
				.get("deliveries");
			assertThat(deliveries)
				.extracting((delivery) -> delivery.get("status"), (delivery) -> delivery.get("lastError"))
				.containsExactlyInAnyOrder(tuple("cancelled", "receiver removed from the rule"), tuple("sent", null));
		}
	}

	private String firingRule(String name, TestReceiver receiver) {
		String route = route();
		calls(route, 10, this.t0.minusSeconds(10));
		String ruleId = createRule(requestsRule(name, route, "PT0S", receiver("webhook", receiver.url("/hook"))))
			.get("id")
			.toString();
		tick(this.t0);
		return ruleId;
	}

	/** The one delivery of the rule's firing, as the alerts API shows it. */
	@SuppressWarnings("unchecked")
	private Map<String, Object> delivery(String ruleId) {
		List<Map<String, Object>> firing = alerts("?state=firing&ruleId=" + ruleId);
		assertThat(firing).hasSize(1);
		List<Map<String, Object>> deliveries = (List<Map<String, Object>>) firing.get(0).get("deliveries");
		assertThat(deliveries).hasSize(1);
		return deliveries.get(0);
	}

}
