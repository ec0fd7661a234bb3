package com.xorstack.metrics.alerting;

import java.util.Map;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** Alert emails through a real SMTP server (GreenMail) on this machine. */
class EmailReceiverIntegrationTests extends AlertingIntegrationTest {

	@RegisterExtension
	static final GreenMailExtension smtp = new GreenMailExtension(new ServerSetup(SMTP_PORT, "127.0.0.1", "smtp"));

	@Test
	void firingAndResolvedEachSendOneEmail() throws Exception {
		String route = route();
		this.calls(route, 10, this.t0.minusSeconds(10));
		Map<String, Object> rule = createRule(
				requestsRule("mail " + route, route, "PT0S", "{\"type\": \"email\", \"to\": \"oncall@example.com\"}"));
		tick(this.t0);
		assertThat(deliver(this.t0)).isEqualTo(1);
		assertThat(deliver(this.t0.plusSeconds(1))).isZero();
		tick(this.t0.plusSeconds(6 * 60));
		assertThat(deliver(this.t0.plusSeconds(6 * 60))).isEqualTo(1);

		MimeMessage[] received = smtp.getReceivedMessages();
		assertThat(received).hasSize(2);
		assertThat(received[0].getAllRecipients()[0].toString()).isEqualTo("oncall@example.com");
		assertThat(received[0].getSubject()).startsWith("[FIRING] mail " + route);
		assertThat(received[1].getSubject()).startsWith("[RESOLVED] mail " + route);
		assertThat(alerts("?ruleId=" + rule.get("id"))).hasSize(2);
	}

	@Test
	void emailReceiversNeedAnAddress() {
		for (String receiver : new String[] { "{\"type\": \"email\", \"to\": \"not-an-address\"}",
				"{\"type\": \"email\"}" }) {
			this.web.post()
				.uri("/api/admin/alert-rules")
				.headers((headers) -> headers.setBearerAuth(adminToken()))
				.contentType(org.springframework.http.MediaType.APPLICATION_JSON)
				.bodyValue(requestsRule("bad mail", "/r", "PT0S", receiver))
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.errors[0].field")
				.isEqualTo("receivers[0].to");
		}
	}

}
