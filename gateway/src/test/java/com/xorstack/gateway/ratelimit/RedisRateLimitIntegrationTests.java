package com.xorstack.gateway.ratelimit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
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
import com.xorstack.gateway.StandInServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The buckets in the real Redis (127.0.0.1:6379), as production runs them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "xorstack.gateway.rate-limit.redis-enabled=true", "management.server.port=0",
				"xorstack.gateway.rate-limit.replenish-rate=1", "xorstack.gateway.rate-limit.burst-capacity=3",
				"spring.data.redis.host=127.0.0.1", "spring.data.redis.port=6379" })
@AutoConfigureWebTestClient
class RedisRateLimitIntegrationTests {

	static final DisposableServer downstream = HttpServer.create()
		.host("127.0.0.1")
		.port(0)
		.handle((request, response) -> response.header("Content-Type", "application/json").sendString(Mono.just("{}")))
		.bindNow();

	@Autowired
	WebTestClient web;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		StandInServices.register(registry, downstream.port());
	}

	@AfterAll
	static void stopDownstream() {
		downstream.disposeNow();
	}

	@Test
	void greedyCallerGets429ProblemsWhileAnotherIsServed() {
		String greedy = TestStack.get().passwordToken("demo-moderator");
		int limited = 0;
		EntityExchangeResult<String> refused = null;
		for (int i = 0; i < 15; i++) {
			EntityExchangeResult<String> result = this.web.get()
				.uri("/api/feedback")
				.headers((headers) -> headers.setBearerAuth(greedy))
				.exchange()
				.expectBody(String.class)
				.returnResult();
			if (result.getStatus().value() == 429) {
				limited++;
				refused = result;
			}
		}
		assertThat(limited).isGreaterThanOrEqualTo(5);
		assertThat(refused).isNotNull();
		assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(refused.getResponseHeaders().getFirst("Retry-After")).isEqualTo("1");
		assertThat(refused.getResponseHeaders().getFirst("X-RateLimit-Remaining")).isEqualTo("0");
		assertThat(refused.getResponseBody()).contains("\"status\":429");
		this.web.get()
			.uri("/api/feedback")
			.headers((headers) -> headers.setBearerAuth(TestStack.get().passwordToken("demo-user-2")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.exists("X-RateLimit-Remaining");
	}

}
