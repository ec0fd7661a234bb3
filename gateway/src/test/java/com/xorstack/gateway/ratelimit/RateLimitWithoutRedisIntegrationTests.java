package com.xorstack.gateway.ratelimit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.xorstack.devstack.TestStack;
import com.xorstack.gateway.StandInServer;
import com.xorstack.gateway.StandInServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The buckets' Redis unreachable (a port nothing listens on): anonymous callers and
 * service accounts are refused with 503, signed-in users pass and are counted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "xorstack.gateway.rate-limit.redis-enabled=true", "management.server.port=0" })
@AutoConfigureWebTestClient
class RateLimitWithoutRedisIntegrationTests {

	@RegisterExtension
	static final StandInServer downstream = StandInServer.of(StandInServices.answeringEmptyJson());

	@Autowired
	WebTestClient web;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		Map<String, String> properties = StandInServices.properties(downstream.port());
		properties.put("spring.data.redis.port", Integer.toString(closedPort()));
		properties.forEach((name, value) -> registry.add(name, () -> value));
	}

	@Test
	void anonymousCallerIsRefusedWith503() {
		assertRefused(this.web.get().uri("/admin/denied.html").exchange());
		assertRefused(this.web.get().uri("/openapi/auth-service").exchange());
	}

	@Test
	void ingestServiceAccountIsRefusedWith503() {
		String token = TestStack.get().clientCredentialsToken("edge-functions", "edge-functions-secret");
		assertRefused(this.web.post()
			.uri("/api/usage-events")
			.headers((headers) -> headers.setBearerAuth(token))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange());
	}

	@Test
	void signedInUserPassesAndTheOutageIsCounted() {
		double before = allowedUnchecked();
		this.web.get()
			.uri("/api/feedback")
			.headers((headers) -> headers.setBearerAuth(TestStack.get().passwordToken("demo-user")))
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(allowedUnchecked()).isEqualTo(before + 1);
	}

	private double allowedUnchecked() {
		return this.meters.get(BucketOutagePolicy.METRIC).tag("outcome", "allowed").counter().count();
	}

	private static void assertRefused(WebTestClient.ResponseSpec response) {
		response.expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals("Retry-After", "5")
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(503)
			.jsonPath("$.title")
			.isEqualTo("Service Unavailable");
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
