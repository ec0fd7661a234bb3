package com.xorstack.metrics.alerting;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A second evaluator and a second deliverer, built like the beans but sharing nothing in
 * memory with them, stand for a second instance of metrics-service on the same database.
 */
class TwoInstancesIntegrationTests extends AlertingIntegrationTest {

	private static final int RULES = 4;

	@Autowired
	JsonMapper json;

	@Test
	void twoEvaluatorsAndTwoDeliverersTickingTogetherNeverSendAChangeTwice() throws Exception {
		AlertEvaluator otherEvaluator = evaluator(this.properties, this.clock);
		AlertDeliverer otherDeliverer = deliverer(this.properties, this.clock);
		try (TestReceiver receiver = new TestReceiver(0)) {
			List<String> names = new ArrayList<>();
			for (int i = 0; i < RULES; i++) {
				String route = route();
				this.calls(route, 10, this.t0.minusSeconds(10));
				names.add("twin " + i + " " + route);
				createRule(requestsRule(names.get(i), route, "PT0S", receiver("webhook", receiver.url("/hook/" + i))
						+ "," + receiver("slack", receiver.url("/slack/" + i))));
			}
			// and one rule with an instance per model: its three instances fire together
			// and resolve together, one grouped notification each time
			String function = "twin-" + UUID.randomUUID();
			for (String model : List.of("m1", "m2", "m3")) {
				this.aiCalls(function, model, 10, this.t0.minusSeconds(10));
			}
			names.add("twin grouped " + function);
			createRule(perModelRule(names.get(RULES), function, "PT0S", receiver("webhook", receiver.url("/grouped"))));
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
			List<JsonNode> grouped = receiver.accepted("/grouped")
				.stream()
				.map((received) -> this.json.readTree(received.body()))
				.toList();
			assertThat(grouped).extracting((body) -> body.get("state").asString())
				.containsExactly("firing", "resolved");
			for (JsonNode body : grouped) {
				assertThat(body.get("alerts")).hasSize(3);
				assertThat(body.get("alerts").valueStream().map((alert) -> alert.get("labels").get("model").asString()))
					.containsExactly("m1", "m2", "m3");
			}
			assertThat(receiver.hits()).isEqualTo(RULES * 2 * 2 + 2);
			Map<String, Long> changes = alerts("?limit=200").stream()
				.filter((alert) -> names.contains((String) alert.get("rule")))
				.collect(Collectors.groupingBy((alert) -> (String) alert.get("state"), Collectors.counting()));
			assertThat(changes).containsEntry("firing", (long) RULES + 3).containsEntry("resolved", (long) RULES + 3);
		}
	}

}
