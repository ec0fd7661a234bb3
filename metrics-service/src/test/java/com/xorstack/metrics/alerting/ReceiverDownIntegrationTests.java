package com.xorstack.metrics.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A receiver that is down long enough to open its circuit breaker, then recovers: the
 * deliveries the open breaker refused wait as pending, and every grouped notification
 * arrives exactly once.
 */
class ReceiverDownIntegrationTests extends AlertingIntegrationTest {

	private static final int RULES = 3;

	@Autowired
	JsonMapper json;

	@Test
	void deliveriesRefusedByAnOpenBreakerWaitAndEveryNotificationArrivesOnce() throws Exception {
		// opens after two failed calls, for one second
		AlertingProperties breaking = new AlertingProperties(this.properties.evaluationInterval(),
				this.properties.deliveryInterval(), this.properties.evaluationTimeout(), 3,
				this.properties.retryBackoff(), this.properties.timeout(), this.properties.redeliveryBackoff(),
				this.properties.lease(), this.properties.mailFrom(), this.properties.maxInstancesPerRule(), 2,
				Duration.ofSeconds(1), this.properties.giveUpAfterAttempts(), this.properties.giveUpAfter());
		AlertDeliverer deliverer = deliverer(breaking, this.clock);
		try (TestReceiver receiver = new TestReceiver(8)) {
			List<String> rules = new java.util.ArrayList<>();
			for (int i = 0; i < RULES; i++) {
				String function = "down-" + UUID.randomUUID();
				this.aiCalls(function, "a", 10, this.t0.minusSeconds(10));
				this.aiCalls(function, "b", 10, this.t0.minusSeconds(10));
				rules.add(createRule(
						perModelRule("down " + function, function, "PT0S", receiver("webhook", receiver.url("/hook"))))
					.get("id")
					.toString());
			}
			tick(this.t0);
			assertThat(deliverer.deliverDue(this.t0).block(TIMEOUT)).isZero();
			List<Map<String, Object>> waiting = deliveries();
			assertThat(waiting).hasSize(RULES)
				.allSatisfy((delivery) -> assertThat(delivery.get("status")).isNotEqualTo("sent"));
			assertThat(waiting).anySatisfy((delivery) -> {
				assertThat(delivery).containsEntry("status", "pending");
				assertThat((String) delivery.get("last_error")).contains("CircuitBreaker");
			});

			tick(this.t0.plusSeconds(10 * 60));
			AtomicInteger round = new AtomicInteger();
			await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() -> {
				Instant at = this.t0.plus(Duration.ofHours(2L * round.incrementAndGet()));
				deliverer.deliverDue(at).block(TIMEOUT);
				return deliveries().stream().allMatch((delivery) -> "sent".equals(delivery.get("status")))
						&& deliveries().size() == 2 * RULES;
			});

			List<JsonNode> bodies = receiver.accepted()
				.stream()
				.map((received) -> this.json.readTree(received.body()))
				.toList();
			assertThat(bodies).hasSize(2 * RULES);
			assertThat(bodies).extracting((body) -> body.get("notificationId").asLong()).doesNotHaveDuplicates();
			assertThat(bodies).allSatisfy((body) -> assertThat(body.get("alerts")).hasSize(2));
			assertThat(bodies).extracting((body) -> body.get("ruleId").asString())
				.containsOnlyElementsOf(rules)
				.hasSize(2 * RULES);
			assertThat(bodies).filteredOn((body) -> "resolved".equals(body.get("state").asString())).hasSize(RULES);
			assertThat(receiver.accepted()).extracting(TestReceiver.Received::delivery).doesNotHaveDuplicates();
		}
	}

	private List<Map<String, Object>> deliveries() {
		return this.db
			.sql("select d.status, d.last_error from notification_deliveries d join alert_notifications n"
					+ " on n.id = d.notification_id join alert_rules r on r.id = n.rule_id order by d.id")
			.fetch()
			.all()
			.collectList()
			.block(TIMEOUT);
	}

}
