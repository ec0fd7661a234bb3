package com.xorstack.auth.keycloak;

import java.io.IOException;
import java.net.ServerSocket;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.xorstack.auth.AuthTestProperties;
import com.xorstack.auth.KeycloakTestAdmin;
import com.xorstack.devstack.TestStack;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * auth-service pointed at a Keycloak that does not answer: every role call is a fast 503
 * with {@code Retry-After}, and nothing is written anywhere.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class KeycloakUnavailableIntegrationTests {

	final KeycloakTestAdmin keycloak = new KeycloakTestAdmin();

	@Autowired
	WebTestClient web;

	@Autowired
	DatabaseClient db;

	@Autowired
	CircuitBreakerRegistry breakers;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		AuthTestProperties.register(registry);
		registry.add("xorstack.keycloak.url", () -> "http://127.0.0.1:" + closedPort());
		registry.add("xorstack.keycloak.retry-backoff", () -> "20ms");
	}

	@Test
	void roleChangesAnswer503AndChangeNothing() {
		String userId = this.keycloak.createUser("while-down", "user");
		for (int attempt = 0; attempt < 8; attempt++) {
			this.web.put()
				.uri("/api/admin/users/{id}/roles/moderator", userId)
				.headers((headers) -> headers.setBearerAuth(TestStack.get().passwordToken("demo-admin")))
				.exchange()
				.expectStatus()
				.isEqualTo(503)
				.expectHeader()
				.exists("Retry-After")
				.expectBody()
				.jsonPath("$.title")
				.isEqualTo("Identity provider unavailable")
				.jsonPath("$.status")
				.isEqualTo(503);
		}
		this.web.get()
			.uri("/api/admin/users")
			.headers((headers) -> headers.setBearerAuth(TestStack.get().passwordToken("demo-admin")))
			.exchange()
			.expectStatus()
			.isEqualTo(503);
		// the token call failed first each time, and its breaker opened: later calls were
		// refused at once
		assertThat(this.breakers.circuitBreaker("keycloak-token").getState()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(this.keycloak.realmRoles(userId)).containsExactly("user");
		assertThat(count("select count(*) from user_roles where user_id = '" + userId + "'")).isZero();
		assertThat(count("select count(*) from audit_log where target = 'user/" + userId + "'")).isZero();
		assertThat(count("select count(*) from outbox where event_key = '" + userId + "'")).isZero();
	}

	private long count(String sql) {
		return this.db.sql(sql).map((row) -> row.get(0, Long.class)).one().block();
	}

	private static int closedPort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
