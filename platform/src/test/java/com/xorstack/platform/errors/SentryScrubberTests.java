package com.xorstack.platform.errors;

import java.util.List;
import java.util.Map;

import io.sentry.Breadcrumb;
import io.sentry.Hint;
import io.sentry.SentryEvent;
import io.sentry.protocol.Message;
import io.sentry.protocol.Request;
import io.sentry.protocol.SentryException;
import io.sentry.protocol.User;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SentryScrubberTests {

	private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";

	private final SentryScrubber scrubber = new SentryScrubber();

	@Test
	void userBreadcrumbsExtrasAndServerNameAreDropped() {
		SentryEvent event = new SentryEvent();
		User user = new User();
		user.setEmail("alice@example.com");
		user.setIpAddress("203.0.113.7");
		event.setUser(user);
		event.addBreadcrumb(new Breadcrumb("user alice@example.com signed in"));
		event.setExtra("body", "{\"message\":\"my blood sugar\"}");
		event.setServerName("pod-7");

		SentryEvent scrubbed = this.scrubber.execute(event, new Hint());

		assertThat(scrubbed.getUser()).isNull();
		assertThat(scrubbed.getBreadcrumbs()).isNullOrEmpty();
		assertThat(scrubbed.getExtras()).isNullOrEmpty();
		assertThat(scrubbed.getServerName()).isNull();
	}

	@Test
	void requestKeepsMethodPathAndAllowListedHeadersOnly() {
		Request request = new Request();
		request.setMethod("POST");
		request.setUrl("https://x.example/api/admin/users/0b7e9c3a-2f4d-4c1e-9a57-3f1d2e4c5b6a/roles?email=a@b.co#f");
		request.setQueryString("email=alice@example.com");
		request.setCookies("XSRF=1; SESSION=abc");
		request.setData(Map.of("message", "my blood sugar"));
		request.setEnvs(Map.of("REMOTE_ADDR", "203.0.113.7"));
		request.setHeaders(Map.of("Authorization", "Bearer " + TOKEN, "Cookie", "SESSION=abc", "X-Forwarded-For",
				"203.0.113.7", "Content-Type", "application/json", "User-Agent", "Mozilla/5.0"));
		SentryEvent event = new SentryEvent();
		event.setRequest(request);

		Request scrubbed = this.scrubber.execute(event, new Hint()).getRequest();

		assertThat(scrubbed.getMethod()).isEqualTo("POST");
		assertThat(scrubbed.getUrl()).isEqualTo("https://x.example/api/admin/users/[id]/roles");
		assertThat(scrubbed.getHeaders()).containsOnlyKeys("Content-Type");
		assertThat(scrubbed.getQueryString()).isNull();
		assertThat(scrubbed.getCookies()).isNull();
		assertThat(scrubbed.getData()).isNull();
		assertThat(scrubbed.getEnvs()).isNull();
	}

	@Test
	void tagsOutsideTheAllowListAreDropped() {
		SentryEvent event = new SentryEvent();
		event.setTag("route", "/api/feedback");
		event.setTag("trace_id", "4bf92f3577b34da6a3ce929d0e0e4736");
		event.setTag("user.email", "alice@example.com");

		assertThat(this.scrubber.execute(event, new Hint()).getTags()).containsOnlyKeys("route", "trace_id");
	}

	@Test
	void messagesLoseTokensAddressesIdsAndNumbers() {
		SentryEvent event = new SentryEvent();
		Message message = new Message();
		message.setFormatted("Refused Bearer " + TOKEN + " of alice@example.com from 203.0.113.7");
		event.setMessage(message);
		SentryException exception = new SentryException();
		exception.setType("DataIntegrityViolationException");
		exception.setValue("Key (email)=(bob@example.org) exists; password=hunter2, phone +1 555 0100 200, jwt " + TOKEN
				+ ", user 0b7e9c3a-2f4d-4c1e-9a57-3f1d2e4c5b6a");
		event.setExceptions(List.of(exception));

		SentryEvent scrubbed = this.scrubber.execute(event, new Hint());

		assertThat(scrubbed.getMessage().getFormatted()).isEqualTo("Refused Bearer [redacted] of [email] from [ip]");
		assertThat(scrubbed.getExceptions().get(0).getValue())
			.isEqualTo("Key (email)=([email]) exists; password=[redacted], phone [number], jwt [token], user [id]");
		assertThat(scrubbed.getExceptions().get(0).getType()).isEqualTo("DataIntegrityViolationException");
	}

	@Test
	void longMessagesAreCut() {
		assertThat(ScrubbedText.of("x".repeat(2000))).hasSize(ScrubbedText.MAX_LENGTH + 1);
	}

	@Test
	void contextsOtherThanTraceAndRuntimeAreDropped() {
		SentryEvent event = new SentryEvent();
		event.getContexts().put("response", Map.of("cookies", "SESSION=abc"));
		event.getContexts().put("runtime", Map.of("name", "OpenJDK"));

		assertThat(java.util.Collections.list(this.scrubber.execute(event, new Hint()).getContexts().keys()))
			.containsExactly("runtime");
	}

}
