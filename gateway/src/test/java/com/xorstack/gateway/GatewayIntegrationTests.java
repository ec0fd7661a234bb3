package com.xorstack.gateway;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.xorstack.devstack.TestStack;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The gateway with real Keycloak tokens in front of a plain HTTP server standing in for
 * the services, which records what reached it: a request the gateway refuses must never
 * arrive.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "xorstack.gateway.rate-limit.redis-enabled=false", "management.server.port=0",
				"xorstack.gateway.rate-limit.replenish-rate=1", "xorstack.gateway.rate-limit.burst-capacity=5" })
@AutoConfigureWebTestClient
class GatewayIntegrationTests {

	static final Map<String, AtomicInteger> arrived = new ConcurrentHashMap<>();

	@RegisterExtension
	static final StandInServer downstream = StandInServer
		.of(HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
			arrived.computeIfAbsent(request.path(), (path) -> new AtomicInteger()).incrementAndGet();
			String auth = request.requestHeaders().get("Authorization");
			return response.header("Content-Type", "application/json")
				.sendString(Mono.just("{\"path\":\"/" + request.path() + "\",\"bearer\":" + (auth != null) + "}"));
		}).bindNow());

	@Autowired
	WebTestClient web;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		StandInServices.register(registry, downstream.port());
	}

	@Test
	void routesAnAllowedRequestWithItsToken() {
		this.web.get()
			.uri("/api/me")
			.headers((headers) -> headers.setBearerAuth(TestStack.get().passwordToken("demo-user-2")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.exists("X-RateLimit-Remaining")
			.expectBody()
			.jsonPath("$.path")
			.isEqualTo("/api/me")
			.jsonPath("$.bearer")
			.isEqualTo(true);
	}

	@Test
	void anonymousIsRefusedAtTheGate() {
		this.web.get()
			.uri("/api/feedback")
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(401);
		assertThat(arrived).doesNotContainKey("api/feedback");
	}

	@Test
	void userIsRefusedOnAdminPathsAtTheGate() {
		this.web.get()
			.uri("/api/admin/dashboard/summary")
			.headers((headers) -> headers.setBearerAuth(TestStack.get().passwordToken("demo-moderator")))
			.exchange()
			.expectStatus()
			.isForbidden();
		this.web.post()
			.uri("/api/ai-logs")
			.headers((headers) -> headers.setBearerAuth(TestStack.get().passwordToken("demo-moderator")))
			.exchange()
			.expectStatus()
			.isForbidden();
		assertThat(arrived).doesNotContainKeys("api/admin/dashboard/summary", "api/ai-logs");
	}

	@Test
	void oneCallerIsRateLimitedWhileAnotherIsNot() {
		String greedy = TestStack.get().passwordToken("demo-user");
		RateLimitProbe probe = RateLimitProbe.hammer(this.web, greedy, 12);
		EntityExchangeResult<String> refused = probe.lastRefusal();
		assertThat(probe.refusals()).isGreaterThanOrEqualTo(5);
		assertThat(refused).isNotNull();
		assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(refused.getResponseHeaders().getFirst("Retry-After")).isEqualTo("1");
		assertThat(refused.getResponseHeaders().getFirst("X-RateLimit-Remaining")).isEqualTo("0");
		assertThat(refused.getResponseHeaders().getFirst("X-RateLimit-Limit")).isEqualTo("5");
		assertThat(refused.getResponseBody()).contains("\"type\":\"about:blank\"")
			.contains("\"title\":\"Too Many Requests\"")
			.contains("\"status\":429");
		this.web.get()
			.uri("/api/feedback")
			.headers((headers) -> headers.setBearerAuth(TestStack.get().passwordToken("demo-admin")))
			.exchange()
			.expectStatus()
			.isOk();
	}

}
