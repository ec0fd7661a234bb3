package com.xorstack.metrics.alerting;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import com.xorstack.metrics.rollup.RollupReader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second evaluator and a second deliverer, built like the beans but sharing nothing in
 * memory with them, stand for a second instance of metrics-service on the same database.
 */
class TwoInstancesIntegrationTests extends AlertingIntegrationTest {

	private static final int RULES = 4;

	@Autowired
	AlertRuleRepository rules;

	@Autowired
	AlertStates states;

	@Autowired
	RollupReader rollups;

	@Autowired
	Notifications notifications;

	@Autowired
	AlertingProperties properties;

	@Autowired
	JsonMapper json;

	@Autowired
	MailNotifier mail;

	@Autowired
	Clock clock;

	@Test
	void twoEvaluatorsAndTwoDeliverersTickingTogetherNeverSendAChangeTwice() throws Exception {
		AlertEvaluator otherEvaluator = new AlertEvaluator(this.rules, this.states, this.rollups, this.db,
				this.transactions, this.clock);
		AlertDeliverer otherDeliverer = new AlertDeliverer(this.db, new ReceiverClient(this.properties, this.mail),
				this.notifications, this.properties, this.json, this.clock);
		try (TestReceiver receiver = new TestReceiver(0)) {
			List<String> names = new ArrayList<>();
			for (int i = 0; i < RULES; i++) {
				String route = route();
				this.calls(route, 10, this.t0.minusSeconds(10));
				names.add("twin " + i + " " + route);
				createRule(requestsRule(names.get(i), route, "PT0S", receiver("webhook", receiver.url("/hook/" + i))
						+ "," + receiver("slack", receiver.url("/slack/" + i))));
			}
			// fire, stay, resolve, stay: each tick and delivery run by both instances at
			// once
			long[] offsets = { 0, 60, 6 * 60, 7 * 60 };
			List<Boolean> lockHeld = new ArrayList<>();
			for (long offset : offsets) {
				Instant at = this.t0.plusSeconds(offset);
				for (int round = 0; round < 3; round++) {
					Mono.zip(this.evaluator.tick(at).subscribeOn(Schedulers.boundedElastic()),
							otherEvaluator.tick(at).subscribeOn(Schedulers.boundedElastic()))
						.doOnNext((both) -> lockHeld.addAll(List.of(both.getT1(), both.getT2())))
						.block(TIMEOUT);
					Mono.zip(this.deliverer.deliverDue(at).subscribeOn(Schedulers.boundedElastic()),
							otherDeliverer.deliverDue(at).subscribeOn(Schedulers.boundedElastic()))
						.block(TIMEOUT);
				}
			}
			assertThat(lockHeld).contains(true);
			for (int i = 0; i < RULES; i++) {
				assertThat(receiver.accepted("/hook/" + i)).hasSize(2);
				assertThat(receiver.accepted("/slack/" + i)).hasSize(2);
			}
			assertThat(receiver.hits()).isEqualTo(RULES * 2 * 2);
			Map<String, Long> changes = alerts("?limit=200").stream()
				.filter((alert) -> names.contains((String) alert.get("rule")))
				.collect(Collectors.groupingBy((alert) -> (String) alert.get("state"), Collectors.counting()));
			assertThat(changes).containsEntry("firing", (long) RULES).containsEntry("resolved", (long) RULES);
		}
	}

}
