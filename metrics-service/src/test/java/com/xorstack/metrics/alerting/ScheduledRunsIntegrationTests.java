package com.xorstack.metrics.alerting;

import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import com.xorstack.devstack.MovableClock;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled runs as Spring drives them: it calls a reactive {@code @Scheduled} method
 * once and subscribes to the same publisher at every run, so each run must evaluate and
 * deliver as of its own time, not the time the method was called.
 */
class ScheduledRunsIntegrationTests extends AlertingIntegrationTest {

	@Test
	void eachRunOfTheSamePublisherEvaluatesAndDeliversAsOfItsOwnTime() throws Exception {
		MovableClock clock = new MovableClock(this.t0.minusSeconds(3600));
		Mono<Void> evaluations = evaluator(this.properties, clock).scheduledTick();
		Mono<Void> deliveries = deliverer(this.properties, clock).scheduledDelivery();
		try (TestReceiver receiver = new TestReceiver(0)) {
			String route = route();
			calls(route, 10, this.t0);
			Map<String, Object> rule = createRule(
					requestsRule("scheduled " + route, route, "PT0S", receiver("webhook", receiver.url("/hook"))));

			evaluations.block(TIMEOUT);
			assertThat(alerts("?ruleId=" + rule.get("id"))).as("an hour before the calls").isEmpty();

			clock.set(this.t0.plusSeconds(30));
			evaluations.block(TIMEOUT);
			assertThat(alerts("?ruleId=" + rule.get("id"))).extracting((alert) -> alert.get("state"))
				.containsExactly("firing");
			deliveries.block(TIMEOUT);
			assertThat(receiver.accepted("/hook")).hasSize(1);
		}
	}

}
