package com.xorstack.gateway.ratelimit;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.xorstack.devstack.TestStack;
import com.xorstack.gateway.RateLimitProbe;
import com.xorstack.gateway.StandInServer;
import com.xorstack.gateway.StandInServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The buckets in the devstack's Redis, signed in as its ACL user, as production runs
 * them: a command the ACL refuses would let every request through, and fail here.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "xorstack.gateway.rate-limit.redis-enabled=true", "management.server.port=0",
				"xorstack.gateway.rate-limit.replenish-rate=1", "xorstack.gateway.rate-limit.burst-capacity=3" })
@AutoConfigureWebTestClient
class RedisRateLimitIntegrationTests {

	@RegisterExtension
	static final StandInServer downstream = StandInServer.of(StandInServices.answeringEmptyJson());

	@Autowired
	WebTestClient web;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		StandInServices.register(registry, downstream.port());
	}

	/**
	 * The console's pages and sign-in redirects are answered before any route filter:
	 * anonymous callers are limited by address ahead of the security chain.
	 */
	@Test
	void anonymousCallerBeyondTheLimitGets429Problems() {
		int refusals = 0;
		EntityExchangeResult<String> refused = null;
		for (int i = 0; i < 10; i++) {
			EntityExchangeResult<String> result = this.web.get()
				.uri("/admin/denied.html")
				.exchange()
				.expectBody(String.class)
				.returnResult();
			if (result.getStatus().value() == 429) {
				refusals++;
				refused = result;
			}
		}
		assertThat(refusals).isGreaterThanOrEqualTo(5);
		assertThat(refused).isNotNull();
		assertThat(refused.getResponseHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
		assertThat(refused.getResponseHeaders().getFirst("Retry-After")).isEqualTo("1");
		assertThat(refused.getResponseBody()).contains("\"status\":429");
	}

	/**
	 * Issue #19: any Authorization header let an anonymous caller past the limit by
	 * address, though the security chain answered it 401 at once: garbage, another
	 * scheme, or a well-formed token with a forged signature.
	 */
	@Test
	void callersWithAnInvalidAuthorizationAreLimitedByAddress() {
		for (String authorization : List.of("Basic Zm9vOmJhcg==", "Bearer not-a-token",
				"Bearer eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl")) {
			int refusals = 0;
			for (int i = 0; i < 10; i++) {
				int status = this.web.get()
					.uri("/api/feedback")
					.header(HttpHeaders.AUTHORIZATION, authorization)
					.exchange()
					.expectBody(String.class)
					.returnResult()
					.getStatus()
					.value();
				assertThat(status).as(authorization).isIn(401, 429);
				refusals += (status == 429) ? 1 : 0;
			}
			assertThat(refusals).as(authorization).isGreaterThanOrEqualTo(5);
		}
	}

	@Test
	void greedyCallerGets429ProblemsWhileAnotherIsServed() {
		String greedy = TestStack.get().passwordToken("demo-moderator");
		RateLimitProbe probe = RateLimitProbe.hammer(this.web, greedy, 15);
		EntityExchangeResult<String> refused = probe.lastRefusal();
		assertThat(probe.refusals()).isGreaterThanOrEqualTo(5);
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
