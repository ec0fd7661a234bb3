package com.xorstack.metrics.alerting;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An API rule's pending or firing entry names a request to look at: the slowest traced
 * request of its route shortly before, so the console links the alert to that trace.
 */
class AlertTracesIntegrationTests extends AlertingIntegrationTest {

	/** Never called: pending changes are recorded, not sent. */
	private static final String HOOK = receiver("webhook", "http://127.0.0.1:9/hook");

	@Test
	void aPendingApiAlertLinksTheSlowestTracedRequestOfItsRoute() {
		String route = route();
		String slowest = "a".repeat(31) + "1";
		slowRequest(route, 900, "b".repeat(31) + "2", this.t0.minusSeconds(60));
		slowRequest(route, 2500, slowest, this.t0.minusSeconds(30));
		// slower still, but another route's
		slowRequest(route() + "-other", 9000, "c".repeat(31) + "3", this.t0.minusSeconds(30));
		this.calls(route, 10, this.t0.minusSeconds(10));
		Map<String, Object> rule = createRule(requestsRule("traced " + route, route, "PT1M", HOOK));

		tick(this.t0);

		List<Map<String, Object>> history = alerts("?ruleId=" + rule.get("id"));
		assertThat(history).singleElement()
			.satisfies(
					(alert) -> assertThat(alert).containsEntry("state", "pending").containsEntry("traceId", slowest));
	}

	@Test
	void noTraceWithoutATracedRequestOfTheRoute() {
		String route = route();
		this.calls(route, 10, this.t0.minusSeconds(10));
		Map<String, Object> rule = createRule(requestsRule("untraced " + route, route, "PT1M", HOOK));
		tick(this.t0);
		assertThat(alerts("?ruleId=" + rule.get("id"))).singleElement()
			.satisfies((alert) -> assertThat(alert).doesNotContainKey("traceId"));
	}

	private void slowRequest(String route, double durationMs, String traceId, Instant at) {
		this.db
			.sql("insert into slow_request (event_id, at, route, method, status, duration_ms, trace_id)"
					+ " values (:id, :at, :route, 'GET', 200, :duration, :traceId)")
			.bind("id", UUID.randomUUID().toString())
			.bind("at", at.atOffset(ZoneOffset.UTC))
			.bind("route", route)
			.bind("duration", durationMs)
			.bind("traceId", traceId)
			.then()
			.block(TIMEOUT);
	}

}
