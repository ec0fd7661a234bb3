package com.xorstack.metrics.alerting;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Receiver URLs pass the outbound guard: an address on loopback (other than the
 * allow-listed 127.0.0.1 of the tests), link-local, private or unspecified is refused
 * when the rule is saved, and a receiver that answers with a redirect is not followed.
 */
class ReceiverGuardIntegrationTests extends AlertingIntegrationTest {

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.2:8082/actuator", "http://169.254.169.254/latest/meta-data/",
			"http://10.1.2.3/hook", "http://[::1]:8082/hook", "http://[::ffff:169.254.169.254]/",
			"http://100.64.0.1/hook", "http://0.0.0.0:8082/hook", "https://192.168.1.1/hook", "http://[fd00::1]/hook",
			// 169.254.169.254 written as one number
			"http://2852039166/latest/meta-data/" })
	void aReceiverOnARefusedAddressIsA400NamingItsUrl(String url) {
		for (String type : List.of("webhook", "slack", "discord")) {
			assertRefused("/api/admin/alert-rules",
					requestsRule("guarded " + type, route(), "PT0S", receiver(type, url)), "receivers[0].url");
		}
		assertRefused("/api/admin/alert-rules",
				requestsRule("guarded second", route(), "PT0S",
						receiver("webhook", "http://127.0.0.1:9/ok") + "," + receiver("slack", url)),
				"receivers[1].url");
	}

	@Test
	void aReplaceWithARefusedReceiverIsA400NamingItsUrl() {
		Map<String, Object> rule = createRule(
				requestsRule("guarded replace", route(), "PT0S", receiver("webhook", "http://127.0.0.1:9/ok")));
		this.web.put()
			.uri("/api/admin/alert-rules/{id}", rule.get("id"))
			.headers((headers) -> headers.setBearerAuth(adminToken()))
			.header("If-Match", "\"" + rule.get("version") + "\"")
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(requestsRule("guarded replace", route(), "PT0S",
					receiver("webhook", "http://169.254.169.254/latest/meta-data/")))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("receivers[0].url");
	}

	@Test
	void aRedirectOfAReceiverIsNotFollowedAndTheDeliveryFails() throws IOException {
		// 127.0.0.2 is loopback too, but only 127.0.0.1 is allow-listed here
		AtomicInteger stolen = new AtomicInteger();
		HttpServer refused = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 0);
		refused.createContext("/", (exchange) -> {
			stolen.incrementAndGet();
			exchange.sendResponseHeaders(200, -1);
			exchange.close();
		});
		refused.start();
		HttpServer redirecting = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		redirecting.createContext("/", (exchange) -> {
			exchange.getResponseHeaders()
				.add("Location", "http://127.0.0.2:" + refused.getAddress().getPort() + "/latest/meta-data/");
			exchange.sendResponseHeaders(302, -1);
			exchange.close();
		});
		redirecting.start();
		try {
			String route = route();
			calls(route, 10, this.t0.minusSeconds(10));
			createRule(requestsRule("redirecting receiver", route, "PT0S",
					receiver("webhook", "http://127.0.0.1:" + redirecting.getAddress().getPort() + "/hook")));
			tick(this.t0);

			assertThat(deliver(this.t0)).isZero();
			assertThat(stolen).hasValue(0);
			Map<String, Object> delivery = this.db
				.sql("select status, last_error from notification_deliveries order by id desc limit 1")
				.fetch()
				.one()
				.block(TIMEOUT);
			assertThat(delivery.get("status")).isNotEqualTo("sent");
			assertThat((String) delivery.get("last_error")).contains("302");
		}
		finally {
			redirecting.stop(0);
			refused.stop(0);
		}
	}

	@Test
	void aDeliveryToARefusedAddressIsGivenUpAtOnceWithoutAnyRequest() throws IOException {
		AtomicInteger hits = new AtomicInteger();
		HttpServer refused = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.2"), 0), 0);
		refused.createContext("/", (exchange) -> {
			hits.incrementAndGet();
			exchange.sendResponseHeaders(204, -1);
			exchange.close();
		});
		refused.start();
		try {
			String route = route();
			calls(route, 10, this.t0.minusSeconds(10));
			Object ruleId = createRule(
					requestsRule("saved before the guard", route, "PT0S", receiver("webhook", "http://127.0.0.1:9/ok")))
				.get("id");
			// as a rule stored before receivers were checked
			this.db.sql("update alert_rules set receivers = cast(:receivers as jsonb) where id = :id")
				.bind("receivers",
						"[" + receiver("webhook", "http://127.0.0.2:" + refused.getAddress().getPort() + "/") + "]")
				.bind("id", java.util.UUID.fromString(ruleId.toString()))
				.then()
				.block(TIMEOUT);
			tick(this.t0);

			assertThat(deliver(this.t0)).isZero();
			assertThat(deliver(this.t0.plus(java.time.Duration.ofHours(2)))).isZero();

			assertThat(hits).hasValue(0);
			@SuppressWarnings("unchecked")
			List<Map<String, Object>> deliveries = (List<Map<String, Object>>) alerts("?state=firing&ruleId=" + ruleId)
				.get(0)
				.get("deliveries");
			assertThat(deliveries).singleElement().satisfies((delivery) -> {
				assertThat(delivery).containsEntry("status", "abandoned").containsEntry("attempts", 1);
				assertThat((String) delivery.get("lastError"))
					.startsWith("gave up: refused by the outbound guard: 127.0.0.2 is 127.0.0.2, a loopback address");
			});
		}
		finally {
			refused.stop(0);
		}
	}

}
