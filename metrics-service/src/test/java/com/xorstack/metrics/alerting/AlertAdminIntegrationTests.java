package com.xorstack.metrics.alerting;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.http.HttpStatus;

import com.xorstack.devstack.TestStack;

import static org.assertj.core.api.Assertions.assertThat;

class AlertAdminIntegrationTests extends AlertingIntegrationTest {

	@Test
	void adminAcknowledgesAnAlertOnceAndUsersCannot() throws Exception {
		try (TestReceiver receiver = new TestReceiver(0)) {
			String route = route();
			this.calls(route, 10, this.t0.minusSeconds(10));
			Map<String, Object> rule = createRule(
					requestsRule("ack " + route, route, "PT0S", receiver("webhook", receiver.url("/hook"))));
			tick(this.t0);
			Object id = alerts("?ruleId=" + rule.get("id")).get(0).get("id");
			assertThat(alerts("?ruleId=" + rule.get("id")).get(0)).doesNotContainKey("ackBy");
			this.web.post()
				.uri("/api/admin/alerts/{id}/ack", id)
				.headers((headers) -> headers.setBearerAuth(TestStack.get().passwordToken("demo-user")))
				.exchange()
				.expectStatus()
				.isForbidden();
			for (int i = 0; i < 2; i++) {
				this.web.post()
					.uri("/api/admin/alerts/{id}/ack", id)
					.headers((headers) -> headers.setBearerAuth(adminToken()))
					.exchange()
					.expectStatus()
					.isOk()
					.expectBody()
					.jsonPath("$.ackBy")
					.isEqualTo("demo-admin")
					.jsonPath("$.state")
					.isEqualTo("firing");
			}
			this.web.post()
				.uri("/api/admin/alerts/{id}/ack", Long.MAX_VALUE)
				.headers((headers) -> headers.setBearerAuth(adminToken()))
				.exchange()
				.expectStatus()
				.isNotFound();
			assertRefusedQuery("/api/admin/alerts?state=exploded", "state");
			// the history pages like every list: {items, nextCursor}, the cursor opaque
			String cursor = this.web.get()
				.uri("/api/admin/alerts?limit=1")
				.headers((headers) -> headers.setBearerAuth(adminToken()))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(Map.class)
				.returnResult()
				.getResponseBody()
				.get("nextCursor")
				.toString();
			this.web.get()
				.uri("/api/admin/alerts?limit=1&cursor={cursor}", cursor)
				.headers((headers) -> headers.setBearerAuth(adminToken()))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.items")
				.isArray();
			assertRefusedQuery("/api/admin/alerts?cursor=not-a-cursor", "cursor");
		}
	}

	@Test
	void silenceMutesMatchingChangesButKeepsThemInTheHistory() throws Exception {
		try (TestReceiver receiver = new TestReceiver(0)) {
			String silenced = route();
			String loud = route();
			this.calls(silenced, 10, this.t0.minusSeconds(10));
			this.calls(loud, 10, this.t0.minusSeconds(10));
			Map<String, Object> mutedRule = createRule(
					requestsRule("muted " + silenced, silenced, "PT0S", receiver("webhook", receiver.url("/muted"))));
			createRule(requestsRule("loud " + loud, loud, "PT0S", receiver("webhook", receiver.url("/loud"))));
			Map<String, Object> silence = silence("{\"matchers\": {\"route\": \"" + silenced
					+ "\", \"severity\": \"critical\"}, \"startsAt\": \"" + this.t0.minusSeconds(60)
					+ "\", \"endsAt\": \"" + this.t0.plusSeconds(3600) + "\", \"comment\": \"maintenance\"}");
			assertThat(silence).containsEntry("createdBy", "demo-admin");

			tick(this.t0);
			deliver(this.t0);
			assertThat(receiver.accepted("/muted")).isEmpty();
			assertThat(receiver.accepted("/loud")).hasSize(1);
			List<Map<String, Object>> muted = alerts("?ruleId=" + mutedRule.get("id"));
			assertThat(muted).hasSize(1);
			assertThat(muted.get(0)).containsEntry("state", "firing").containsEntry("silencedBy", silence.get("id"));

			// resolved while silenced, its firing never sent: not sent, not even after
			// the silence has ended
			tick(this.t0.plusSeconds(2 * 3600));
			deliver(this.t0.plusSeconds(2 * 3600));
			assertThat(receiver.accepted("/muted")).isEmpty();
			assertThat(alerts("?ruleId=" + mutedRule.get("id"))).extracting((alert) -> alert.get("state"))
				.containsExactly("resolved", "firing");
		}
	}

	@Test
	void aFiringMutedBySilencesIsSentOnceWhenTheSilenceIsDeletedOrEnds() throws Exception {
		try (TestReceiver receiver = new TestReceiver(0)) {
			String deleted = route();
			String expired = route();
			this.calls(deleted, 10, this.t0.minusSeconds(10));
			this.calls(expired, 10, this.t0.minusSeconds(10));
			createRule(
					requestsRule("deleted " + deleted, deleted, "PT0S", receiver("webhook", receiver.url("/deleted"))));
			createRule(
					requestsRule("expired " + expired, expired, "PT0S", receiver("webhook", receiver.url("/expired"))));
			Map<String, Object> removed = silence(
					"{\"matchers\": {\"route\": \"" + deleted + "\"}, \"startsAt\": \"" + this.t0.minusSeconds(60)
							+ "\", \"endsAt\": \"" + this.t0.plusSeconds(3600) + "\", \"comment\": \"deleted soon\"}");
			silence("{\"ruleName\": \"expired " + expired + "\", \"startsAt\": \"" + this.t0.minusSeconds(60)
					+ "\", \"endsAt\": \"" + this.t0.plusSeconds(90) + "\", \"comment\": \"ends by itself\"}");

			tick(this.t0);
			deliver(this.t0);
			assertThat(receiver.hits()).isZero();

			this.web.delete()
				.uri("/api/admin/silences/{id}", removed.get("id"))
				.headers((headers) -> headers.setBearerAuth(adminToken()))
				.exchange()
				.expectStatus()
				.isNoContent();
			// still firing at each tick: the muted firing is sent once, when its silence
			// is gone
			tick(this.t0.plusSeconds(60));
			deliver(this.t0.plusSeconds(60));
			assertThat(receiver.accepted("/deleted")).hasSize(1);
			assertThat(receiver.accepted("/expired")).isEmpty();
			tick(this.t0.plusSeconds(120));
			deliver(this.t0.plusSeconds(120));
			tick(this.t0.plusSeconds(180));
			deliver(this.t0.plusSeconds(180));
			assertThat(receiver.accepted("/deleted")).hasSize(1);
			assertThat(receiver.accepted("/expired")).hasSize(1);
			assertThat(receiver.accepted("/expired").get(0).body()).contains("\"state\":\"firing\"");

			// the resolve after a sent firing is sent as usual
			tick(this.t0.plusSeconds(6 * 60));
			deliver(this.t0.plusSeconds(6 * 60));
			assertThat(receiver.accepted("/deleted")).hasSize(2);
			assertThat(receiver.accepted("/expired")).hasSize(2);
			assertThat(receiver.accepted("/expired").get(1).body()).contains("\"state\":\"resolved\"");
		}
	}

	@Test
	void badSilencesNameTheField() {
		Map<String, String> cases = Map.of(
				"{\"endsAt\": \"2000-01-01T00:00:00Z\", \"ruleName\": \"x\"," + " \"comment\": \"c\"}", "endsAt",
				"{\"endsAt\": \"2999-01-01T00:00:00Z\", \"comment\": \"c\"}", "ruleName",
				"{\"endsAt\": \"2999-01-01T00:00:00Z\", \"ruleName\": \"x\"}", "comment",
				"{\"endsAt\": \"soon\", \"ruleName\": \"x\", \"comment\": \"c\"}", "endsAt",
				"{\"endsAt\": \"2999-01-01T00:00:00Z\", \"ruleName\": \"x\", \"comment\": \"c\\u0000\"}", "comment");
		cases.forEach((body, field) -> assertRefused("/api/admin/silences", body, field));
	}

	private Map<String, Object> silence(String body) {
		return postJson("/api/admin/silences", adminToken(), body, HttpStatus.CREATED);
	}

}
