package com.xorstack.metrics.alerting;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

import com.xorstack.metrics.uptime.UptimeRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A rule over {@code uptime.up} pages like any rule: it fires with the check's incident
 * and resolves when the check is back.
 */
class UptimeAlertsIntegrationTests extends AlertingIntegrationTest {

	@Autowired
	UptimeRunner runner;

	@Test
	void aDownCheckFiresItsRuleAndResolvesWhenBack() throws IOException {
		int[] status = { 503 };
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/", (exchange) -> {
			exchange.sendResponseHeaders(status[0], -1);
			exchange.close();
		});
		server.start();
		try {
			String name = "paged " + UUID.randomUUID();
			postJson("/api/admin/uptime-checks", adminToken(), """
					{"name": "%s", "type": "http", "url": "http://127.0.0.1:%d/", "interval": "PT30S",
					 "timeout": "PT5S", "failuresBeforeDown": 1}
					""".formatted(name, server.getAddress().getPort()), HttpStatus.CREATED);
			Map<String, Object> rule = createRule("""
					{"name": "%s", "metric": "uptime.up", "labels": {"check": "%s"}, "operator": "below",
					 "threshold": 1, "window": "PT5M", "for": "PT0S", "severity": "critical",
					 "receivers": [{"type": "webhook", "url": "http://127.0.0.1:9/hook"}]}
					""".formatted(name, name));
			Instant at = Instant.now().plusSeconds(5);
			this.runner.runDue(at).block(TIMEOUT);
			tick(at);
			assertThat(state(rule.get("id"))).isEqualTo(AlertStates.FIRING);
			status[0] = 200;
			this.runner.runDue(at.plusSeconds(30)).block(TIMEOUT);
			tick(at.plusSeconds(30));
			assertThat(state(rule.get("id"))).isEqualTo(AlertStates.RESOLVED);
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void uptimeRulesTakeOnlyTheCheckLabel() {
		String body = """
				{"name": "u", "metric": "uptime.response_ms", %s "operator": "above", "threshold": 500,
				 "window": "PT5M", "for": "PT0S", "severity": "warning",
				 "receivers": [{"type": "webhook", "url": "http://127.0.0.1:9/hook"}]}
				""";
		assertRefused("/api/admin/alert-rules", body.formatted("\"labels\": {\"route\": \"/x\"},"), "labels.route");
		assertRefused("/api/admin/alert-rules", body.formatted("\"groupBy\": \"route\","), "groupBy");
		createRule(body.formatted("\"groupBy\": \"check\","));
	}

}
