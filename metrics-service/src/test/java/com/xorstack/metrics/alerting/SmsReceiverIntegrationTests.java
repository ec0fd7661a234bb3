package com.xorstack.metrics.alerting;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import org.springframework.http.MediaType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SMS receivers against a local stand-in of the provider's Messages API (Twilio's shape),
 * reached through the outbound guard like any receiver.
 */
class SmsReceiverIntegrationTests extends AlertingIntegrationTest {

	@Test
	void firingAndResolvedEachSendOneSmsThroughTheProvidersApi() throws IOException {
		List<Map<String, String>> messages = new CopyOnWriteArrayList<>();
		HttpServer provider = HttpServer.create(new InetSocketAddress("127.0.0.1", SMS_PORT), 0);
		provider.createContext("/", (exchange) -> {
			Map<String, String> message = new LinkedHashMap<>();
			try (InputStream in = exchange.getRequestBody()) {
				for (String pair : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("&")) {
					String[] parts = pair.split("=", 2);
					message.put(URLDecoder.decode(parts[0], StandardCharsets.UTF_8),
							URLDecoder.decode(parts[1], StandardCharsets.UTF_8));
				}
			}
			message.put("path", exchange.getRequestURI().getPath());
			message.put("authorization", exchange.getRequestHeaders().getFirst("Authorization"));
			message.put("contentType", exchange.getRequestHeaders().getFirst("Content-Type"));
			messages.add(message);
			byte[] body = "{\"sid\": \"SM1\", \"status\": \"queued\"}".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(201, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		provider.start();
		try {
			String route = route();
			this.calls(route, 10, this.t0.minusSeconds(10));
			Map<String, Object> rule = createRule(
					requestsRule("sms " + route, route, "PT0S", "{\"type\": \"sms\", \"to\": \"+14155550100\"}"));
			tick(this.t0);
			assertThat(deliver(this.t0)).isEqualTo(1);
			tick(this.t0.plusSeconds(6 * 60));
			assertThat(deliver(this.t0.plusSeconds(6 * 60))).isEqualTo(1);

			assertThat(messages).hasSize(2);
			Map<String, String> firing = messages.get(0);
			assertThat(firing).containsEntry("path", "/2010-04-01/Accounts/ACtest/Messages.json")
				.containsEntry("To", "+14155550100")
				.containsEntry("From", "+15005550006")
				.containsEntry("authorization", "Basic "
						+ Base64.getEncoder().encodeToString("ACtest:sms-test-token".getBytes(StandardCharsets.UTF_8)));
			assertThat(firing.get("contentType")).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
			assertThat(firing.get("Body")).startsWith("[FIRING] sms " + route);
			assertThat(messages.get(1).get("Body")).startsWith("[RESOLVED] sms " + route);

			String shown = this.web.get()
				.uri("/api/admin/alert-rules/{id}", rule.get("id"))
				.headers((headers) -> headers.setBearerAuth(adminToken()))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(String.class)
				.returnResult()
				.getResponseBody();
			assertThat(shown).contains("+14155550100").doesNotContain("sms-test-token").doesNotContain("ACtest");
		}
		finally {
			provider.stop(0);
		}
	}

	@Test
	void smsReceiversNeedAnE164Number() {
		for (String receiver : new String[] { "{\"type\": \"sms\", \"to\": \"0412 345 678\"}",
				"{\"type\": \"sms\"}" }) {
			assertRefused("/api/admin/alert-rules", requestsRule("bad sms", "/r", "PT0S", receiver), "receivers[0].to");
		}
		assertRefused("/api/admin/alert-rules",
				requestsRule("bad sms", "/r", "PT0S",
						"{\"type\": \"sms\", \"to\": \"+14155550100\", \"url\": \"http://127.0.0.1:9/\"}"),
				"receivers[0].url");
	}

}
