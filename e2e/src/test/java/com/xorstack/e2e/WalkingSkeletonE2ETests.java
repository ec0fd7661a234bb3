package com.xorstack.e2e;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import reactor.test.StepVerifier;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The walking skeleton through the gateway with real tokens: demo-user's feedback travels
 * through feedback-service, its outbox and Kafka into metrics-service, where demo-admin's
 * dashboard counts it as pending.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalkingSkeletonE2ETests {

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	private final WebTestClient gateway = WebTestClient.bindToServer()
		.baseUrl(E2eSuite.get().gatewayUrl())
		.responseTimeout(Duration.ofSeconds(20))
		.build();

	// First, so that no other test's feedback is still on its way to metrics-service.
	@Test
	@Order(1)
	void feedbackReachesTheAdminDashboardAsPending() {
		String admin = E2eSuite.token("demo-admin");
		long before = pendingFeedback(admin);
		this.gateway.post()
			.uri("/api/feedback")
			.headers((headers) -> headers.setBearerAuth(E2eSuite.token("demo-user")))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("category", "bug", "message", "The sleep chart is empty"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("pending");
		await().atMost(Duration.ofSeconds(60)).until(() -> pendingFeedback(admin) == before + 1);
	}

	@Test
	void meAnswersFromAuthService() {
		this.gateway.get()
			.uri("/api/me")
			.headers((headers) -> headers.setBearerAuth(E2eSuite.token("demo-user")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.username")
			.isEqualTo("demo-user")
			.jsonPath("$.roles[0]")
			.isEqualTo("user");
	}

	@Test
	void anonymousGets401() {
		this.gateway.get()
			.uri("/api/feedback")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
	}

	@Test
	void userOnAnAdminPathGets403() {
		this.gateway.get()
			.uri("/api/admin/dashboard/summary")
			.headers((headers) -> headers.setBearerAuth(E2eSuite.token("demo-user")))
			.exchange()
			.expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(403);
	}

	@Test
	void otherUsersFeedbackIsNotFoundThroughTheGateway() {
		Object id = this.gateway.post()
			.uri("/api/feedback")
			.headers((headers) -> headers.setBearerAuth(E2eSuite.token("demo-user")))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("category", "question", "message", "Who can read this?"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(JSON_OBJECT)
			.returnResult()
			.getResponseBody()
			.get("id");
		this.gateway.get()
			.uri("/api/feedback/{id}", id)
			.headers((headers) -> headers.setBearerAuth(E2eSuite.token("demo-user-2")))
			.exchange()
			.expectStatus()
			.isNotFound();
	}

	@Test
	void dashboardStreamsThroughTheGatewayAndShowsNewSessions() {
		FluxExchangeResult<ServerSentEvent<Map<String, Object>>> result = this.gateway.get()
			.uri("/api/admin/dashboard/stream?window=15m")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.headers((headers) -> headers.setBearerAuth(E2eSuite.token("demo-admin")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.TEXT_EVENT_STREAM)
			.returnResult(new ParameterizedTypeReference<>() {
			});
		AtomicLong firstSessions = new AtomicLong();
		StepVerifier.create(result.getResponseBody().filter((event) -> "summary".equals(event.event())))
			.assertNext((event) -> {
				assertThat(event.data()).containsKeys("aiP95Ms", "apiP95Ms", "activeSessions", "slos");
				firstSessions.set(((Number) event.data().get("activeSessions")).longValue());
			})
			.then(this::startASessionAsAnEdgeFunction)
			.thenConsumeWhile(
					(event) -> ((Number) event.data().get("activeSessions")).longValue() <= firstSessions.get())
			.thenCancel()
			.verify(Duration.ofSeconds(60));
	}

	@Test
	void requestsThroughTheGatewayReachTheDashboard() {
		String admin = E2eSuite.token("demo-admin");
		long before = summaryNumber(admin, "apiRequests");
		for (int i = 0; i < 3; i++) {
			this.gateway.get()
				.uri("/api/me")
				.headers((headers) -> headers.setBearerAuth(E2eSuite.token("demo-user")))
				.exchange()
				.expectStatus()
				.isOk();
		}
		await().atMost(Duration.ofSeconds(60)).until(() -> summaryNumber(admin, "apiRequests") >= before + 3);
	}

	private void startASessionAsAnEdgeFunction() {
		String ingest = E2eSuite.get().tokens().clientCredentialsToken("edge-functions", "edge-functions-secret");
		this.gateway.post()
			.uri("/api/usage-events")
			.headers((headers) -> headers.setBearerAuth(ingest))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("id", UUID.randomUUID().toString(), "kind", "session_started", "userId", "e2e-user",
					"sessionId", "e2e-" + UUID.randomUUID(), "occurredAt", Instant.now().toString()))
			.exchange()
			.expectStatus()
			.isAccepted()
			.expectBody()
			.jsonPath("$.accepted")
			.isEqualTo(1);
	}

	private long summaryNumber(String adminToken, String field) {
		Map<String, Object> summary = this.gateway.get()
			.uri("/api/admin/dashboard/summary?window=24h")
			.headers((headers) -> headers.setBearerAuth(adminToken))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JSON_OBJECT)
			.returnResult()
			.getResponseBody();
		return ((Number) summary.get(field)).longValue();
	}

	private long pendingFeedback(String adminToken) {
		Map<String, Object> summary = this.gateway.get()
			.uri("/api/admin/dashboard/summary?window=1h")
			.headers((headers) -> headers.setBearerAuth(adminToken))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(JSON_OBJECT)
			.returnResult()
			.getResponseBody();
		assertThat(summary).containsKey("pendingFeedback");
		return ((Number) summary.get("pendingFeedback")).longValue();
	}

}
