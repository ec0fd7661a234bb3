package com.xorstack.metrics.dashboard;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.FluxExchangeResult;

import com.xorstack.devstack.TestStack;
import com.xorstack.metrics.MetricsIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

class DashboardIntegrationTests extends MetricsIntegrationTest {

	@Test
	void adminReadsTheSummaryOverEveryWindow() {
		for (String window : new String[] { "15m", "1h", "24h", "7d", "30d" }) {
			this.web.get()
				.uri("/api/admin/dashboard/summary?window={window}", window)
				.headers((headers) -> headers.setBearerAuth(adminToken()))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody()
				.jsonPath("$.window")
				.isEqualTo(window)
				.jsonPath("$.pendingFeedback")
				.isNumber()
				.jsonPath("$.apiRequests")
				.isNumber()
				.jsonPath("$.totalTokens")
				.isNumber()
				.jsonPath("$.activeSessions")
				.isNumber()
				.jsonPath("$.slos.length()")
				.isEqualTo(4);
		}
	}

	@Test
	void streamWithABadWindowIsAProblemNamingIt() {
		this.web.get()
			.uri("/api/admin/dashboard/stream?window=45d")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.headers((headers) -> headers.setBearerAuth(adminToken()))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("window");
	}

	@Test
	void moderatorAndUserAreForbidden() {
		for (String user : new String[] { "demo-user", "demo-moderator" }) {
			this.web.get()
				.uri("/api/admin/dashboard/summary")
				.headers((headers) -> headers.setBearerAuth(TestStack.get().passwordToken(user)))
				.exchange()
				.expectStatus()
				.isForbidden();
		}
	}

	@Test
	void badWindowNamesTheParameter() {
		for (String window : new String[] { "abc", "0m", "31d", "15s" }) {
			this.web.get()
				.uri("/api/admin/dashboard/summary?window={window}", window)
				.headers((headers) -> headers.setBearerAuth(TestStack.get().passwordToken("demo-admin")))
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.errors[0].field")
				.isEqualTo("window");
		}
	}

	@Test
	void streamPushesTheSummaryAtOnceOnChangeAndHeartbeatsInBetween() {
		FluxExchangeResult<ServerSentEvent<Map<String, Object>>> result = this.web.get()
			.uri("/api/admin/dashboard/stream?window=15m")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.headers((headers) -> headers.setBearerAuth(adminToken()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
			.returnResult(new ParameterizedTypeReference<>() {
			});
		AtomicLong firstSessions = new AtomicLong();
		// The push interval is 30 s in these tests: a second summary within 20 s was
		// pushed
		// because the data changed.
		StepVerifier.create(result.getResponseBody().filter((event) -> "summary".equals(event.event())))
			.assertNext((event) -> {
				assertThat(event.data()).containsKeys("aiP95Ms", "apiP99Ms", "activeSessions", "slos",
						"pendingFeedback");
				firstSessions.set(((Number) event.data().get("activeSessions")).longValue());
			})
			.then(this::startASession)
			.assertNext((event) -> assertThat(((Number) event.data().get("activeSessions")).longValue())
				.isGreaterThan(firstSessions.get()))
			.thenCancel()
			.verify(Duration.ofSeconds(20));
	}

	@Test
	void streamSendsHeartbeatComments() {
		FluxExchangeResult<ServerSentEvent<Map<String, Object>>> result = this.web.get()
			.uri("/api/admin/dashboard/stream")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.headers((headers) -> headers.setBearerAuth(adminToken()))
			.exchange()
			.expectStatus()
			.isOk()
			.returnResult(new ParameterizedTypeReference<>() {
			});
		StepVerifier.create(result.getResponseBody().filter((event) -> event.comment() != null).take(2))
			.expectNextCount(2)
			.verifyComplete();
	}

	private void startASession() {
		String event = "{\"id\":\"" + UUID.randomUUID() + "\",\"kind\":\"session_started\",\"userId\":\"u-sse\","
				+ "\"sessionId\":\"" + UUID.randomUUID() + "\",\"occurredAt\":\"" + Instant.now() + "\"}";
		this.web.post()
			.uri("/api/usage-events")
			.headers((headers) -> headers.setBearerAuth(ingestToken()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(event)
			.exchange()
			.expectStatus()
			.isAccepted();
	}

}
