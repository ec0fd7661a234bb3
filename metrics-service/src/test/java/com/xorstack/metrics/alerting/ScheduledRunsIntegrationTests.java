package com.xorstack.metrics.alerting;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduled runs as Spring drives them: it calls a reactive {@code @Scheduled} method
 * once and subscribes to the same publisher at every run, so each run must evaluate and
 * deliver as of its own time, not the time the method was called.
 */
class ScheduledRunsIntegrationTests extends AlertingIntegrationTest {

	@Autowired
	AlertRuleRepository rules;

	@Autowired
	AlertStates states;

	@Autowired
	AlertChanges changes;

	@Autowired
	AlertNotifications notifications;

	@Autowired
	Notifications sent;

	@Autowired
	RuleValues values;

	@Autowired
	AlertingProperties properties;

	@Autowired
	MeterRegistry meters;

	@Autowired
	MailNotifier mail;

	@Autowired
	JsonMapper json;

	@Test
	void eachRunOfTheSamePublisherEvaluatesAndDeliversAsOfItsOwnTime() throws Exception {
		MovableClock clock = new MovableClock(this.t0.minusSeconds(3600));
		AlertEvaluator evaluator = new AlertEvaluator(this.rules, this.states, this.changes, this.notifications,
				this.values, this.db, this.transactions, this.properties, this.meters, clock);
		AlertDeliverer deliverer = new AlertDeliverer(this.db, new ReceiverClient(this.properties, this.mail),
				this.sent, this.properties, this.json, clock);
		Mono<Void> evaluations = evaluator.scheduledTick();
		Mono<Void> deliveries = deliverer.scheduledDelivery();
		try (TestReceiver receiver = new TestReceiver(0)) {
			String route = route();
			calls(route, 10, this.t0);
			Map<String, Object> rule = createRule(
					requestsRule("scheduled " + route, route, "PT0S", receiver("webhook", receiver.url("/hook"))));

			evaluations.block(TIMEOUT);
			assertThat(alerts("?ruleId=" + rule.get("id"))).as("an hour before the calls").isEmpty();

			clock.now = this.t0.plusSeconds(30);
			evaluations.block(TIMEOUT);
			assertThat(alerts("?ruleId=" + rule.get("id"))).extracting((alert) -> alert.get("state"))
				.containsExactly("firing");
			deliveries.block(TIMEOUT);
			assertThat(receiver.accepted("/hook")).hasSize(1);
		}
	}

	/** A clock the test sets. */
	static final class MovableClock extends Clock {

		volatile Instant now;

		MovableClock(Instant now) {
			this.now = now;
		}

		@Override
		public ZoneId getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
