package com.xorstack.auth.roles;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpMethod;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.xorstack.auth.AuthTestProperties;
import com.xorstack.auth.KeycloakTestAdmin;
import com.xorstack.devstack.EventRecords;
import com.xorstack.devstack.TestStack;
import com.xorstack.platform.events.EventTypes;
import com.xorstack.platform.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A grant and a revoke leave through the outbox as CloudEvents on
 * {@code auth.role-events.v1}, keyed by the user, in the order they were made; each is
 * checked against its schema as it is read.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class RoleEventsIntegrationTests {

	final KeycloakTestAdmin keycloak = new KeycloakTestAdmin();

	@Autowired
	WebTestClient web;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		AuthTestProperties.register(registry);
	}

	@Test
	void aGrantAndARevokeArePublishedInOrderKeyedByTheUser() {
		String userId = this.keycloak.createUser("events", "user");
		String adminId = this.keycloak.idOf("demo-admin");
		roleChange(HttpMethod.PUT, userId, "moderator");
		roleChange(HttpMethod.DELETE, userId, "moderator");

		List<ConsumerRecord<String, byte[]>> events = EventRecords.await(Topics.AUTH_ROLE_EVENTS,
				(record) -> userId.equals(record.key()), 2, Duration.ofSeconds(30), Duration.ofSeconds(1));
		assertThat(events).extracting((record) -> EventRecords.header(record, "ce_type"))
			.containsExactly(EventTypes.ROLE_GRANTED, EventTypes.ROLE_REVOKED);
		assertThat(events).extracting((record) -> EventRecords.header(record, "ce_source"))
			.containsOnly("/auth-service");
		Map<String, Object> granted = EventRecords.data(events.get(0));
		assertThat(granted).containsEntry("userId", userId)
			.containsEntry("role", "moderator")
			.containsEntry("grantedBy", adminId)
			.containsKey("grantedAt");
		Map<String, Object> revoked = EventRecords.data(events.get(1));
		assertThat(revoked).containsEntry("userId", userId)
			.containsEntry("role", "moderator")
			.containsEntry("revokedBy", adminId)
			.containsKey("revokedAt");
	}

	private void roleChange(HttpMethod method, String userId, String role) {
		this.web.method(method)
			.uri("/api/admin/users/{id}/roles/{role}", userId, role)
			.headers((headers) -> headers.setBearerAuth(TestStack.get().passwordToken("demo-admin")))
			.exchange()
			.expectStatus()
			.isNoContent();
	}

}
