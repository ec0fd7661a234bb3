package com.xorstack.auth.me;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.xorstack.auth.AuthTestProperties;
import com.xorstack.devstack.TestStack;

/**
 * {@code /api/me} with tokens from the real Keycloak realm.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class MeIntegrationTests {

	@Autowired
	WebTestClient web;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		AuthTestProperties.register(registry);
	}

	@Test
	void signedInUserSeesTheirIdentityAndRoles() {
		this.web.get()
			.uri("/api/me")
			.headers((headers) -> headers.setBearerAuth(TestStack.get().passwordToken("demo-moderator")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.username")
			.isEqualTo("demo-moderator")
			.jsonPath("$.email")
			.isEqualTo("demo-moderator@xorstack.local")
			.jsonPath("$.roles")
			.isEqualTo("moderator")
			.jsonPath("$.id")
			.isNotEmpty();
	}

	@Test
	void anonymousIsUnauthorized() {
		this.web.get().uri("/api/me").exchange().expectStatus().isUnauthorized();
	}

	@Test
	void forgedTokenIsUnauthorized() {
		String token = TestStack.get().passwordToken("demo-admin");
		String[] parts = token.split("\\.");
		String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
		this.web.get()
			.uri("/api/me")
			.headers((headers) -> headers.setBearerAuth(forged))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectHeader()
			.valueEquals("WWW-Authenticate", "Bearer error=\"invalid_token\"");
	}

	@Test
	void tokenForAnotherAudienceIsUnauthorized() {
		// auth-service's own client has no xorstack-api audience mapper: its tokens are
		// for Keycloak only.
		String token = TestStack.get().clientCredentialsToken("auth-service", "auth-service-secret");
		this.web.get()
			.uri("/api/me")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange()
			.expectStatus()
			.isUnauthorized();
	}

	@Test
	void adminPathsAreForbiddenToUsers() {
		this.web.get()
			.uri("/api/admin/users")
			.headers((headers) -> headers.setBearerAuth(TestStack.get().passwordToken("demo-user")))
			.exchange()
			.expectStatus()
			.isForbidden();
	}

}
