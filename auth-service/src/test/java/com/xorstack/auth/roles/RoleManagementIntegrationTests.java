package com.xorstack.auth.roles;

import java.util.List;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
 * Granting and revoking through auth-service against the real Keycloak: what Keycloak
 * holds afterwards is checked through its admin API directly.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class RoleManagementIntegrationTests {

	final KeycloakTestAdmin keycloak = new KeycloakTestAdmin();

	@Autowired
	WebTestClient web;

	@Autowired
	DatabaseClient db;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		AuthTestProperties.register(registry);
	}

	@Test
	void grantIsInKeycloakTheMirrorTheAuditLogTheOutboxAndTheNextToken() {
		String userId = this.keycloak.createUser("grantee", "user");
		roleChange("PUT", admin(), userId, "moderator").expectStatus().isNoContent();
		assertThat(this.keycloak.realmRoles(userId)).containsExactly("moderator", "user");
		assertThat(this.keycloak.rolesInNewToken(userId)).contains("moderator", "user");
		assertThat(count("select count(*) from user_roles where user_id = '" + userId
				+ "' and role = 'moderator' and granted_by = '" + this.keycloak.idOf("demo-admin") + "'"))
			.isOne();
		assertThat(count(
				"select count(*) from audit_log where action = 'role.granted' and target = 'user/" + userId + "'"))
			.isOne();
		assertThat(count("select count(*) from outbox where event_key = '" + userId
				+ "' and event_type = 'com.xorstack.auth.role-granted.v1'"))
			.isOne();
		String payload = this.db.sql("select payload::text from outbox where event_key = :key")
			.bind("key", userId)
			.map((row) -> row.get(0, String.class))
			.one()
			.block();
		// compared as JSON: the platform outbox's json column comes back re-spaced, see
		// the report
		JsonNode event = JsonMapper.builder().build().readTree(payload);
		assertThat(event.get("userId").asString()).isEqualTo(userId);
		assertThat(event.get("role").asString()).isEqualTo("moderator");
		assertThat(event.get("grantedBy").asString()).isEqualTo(this.keycloak.idOf("demo-admin"));
		assertThat(event.get("grantedAt").asString()).startsWith("20");
	}

	@Test
	void aGrantWhoseCommitFailsIsUndoneInKeycloak() {
		String userId = this.keycloak.createUser("commit-fails", "user");
		// a deferred constraint trigger fails the commit, after Keycloak granted the role
		execute("create function fail_commit_for_test() returns trigger language plpgsql as $$ begin"
				+ " if new.user_id = '" + userId + "' then raise exception 'commit refused for the test'; end if;"
				+ " return new; end $$");
		execute("create constraint trigger fail_commit_for_test after insert on user_roles"
				+ " deferrable initially deferred for each row execute function fail_commit_for_test()");
		try {
			roleChange("PUT", admin(), userId, "moderator").expectStatus().is5xxServerError();
		}
		finally {
			execute("drop trigger fail_commit_for_test on user_roles");
			execute("drop function fail_commit_for_test()");
		}
		assertThat(this.keycloak.realmRoles(userId)).containsExactly("user");
		assertThat(count("select count(*) from user_roles where user_id = '" + userId + "'")).isZero();
		assertThat(count("select count(*) from audit_log where target = 'user/" + userId + "'")).isZero();
		assertThat(count("select count(*) from outbox where event_key = '" + userId + "'")).isZero();
	}

	@Test
	void grantingAHeldRoleChangesNothingAndIsNotAuditedTwice() {
		String userId = this.keycloak.createUser("twice", "user");
		roleChange("PUT", admin(), userId, "moderator").expectStatus().isNoContent();
		roleChange("PUT", admin(), userId, "moderator").expectStatus().isNoContent();
		assertThat(count("select count(*) from audit_log where target = 'user/" + userId + "'")).isOne();
		assertThat(count("select count(*) from outbox where event_key = '" + userId + "'")).isOne();
	}

	@Test
	void revokeRemovesTheRoleFromKeycloakAndTheMirror() {
		String userId = this.keycloak.createUser("revokee", "user");
		roleChange("PUT", admin(), userId, "admin").expectStatus().isNoContent();
		roleChange("DELETE", admin(), userId, "admin").expectStatus().isNoContent();
		assertThat(this.keycloak.realmRoles(userId)).containsExactly("user");
		assertThat(this.keycloak.rolesInNewToken(userId)).doesNotContain("admin");
		assertThat(count("select count(*) from user_roles where user_id = '" + userId + "' and role = 'admin'"))
			.isZero();
		assertThat(count("select count(*) from outbox where event_key = '" + userId
				+ "' and event_type = 'com.xorstack.auth.role-revoked.v1'"))
			.isOne();
	}

	@Test
	void ingestIsNeverGrantableToAPerson() {
		String userId = this.keycloak.createUser("no-ingest", "user");
		roleChange("PUT", admin(), userId, "ingest").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("role");
		assertThat(this.keycloak.realmRoles(userId)).containsExactly("user");
	}

	@Test
	void unknownRoleIsABadRequest() {
		String userId = this.keycloak.createUser("unknown-role", "user");
		roleChange("PUT", admin(), userId, "superuser").expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("role");
		assertThat(this.keycloak.realmRoles(userId)).containsExactly("user");
	}

	@Test
	void unknownUserIsNotFound() {
		roleChange("PUT", admin(), "00000000-0000-0000-0000-000000000000", "moderator").expectStatus()
			.isNotFound()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(404);
	}

	@Test
	void nobodyChangesTheirOwnRoles() {
		String adminId = this.keycloak.idOf("demo-admin");
		roleChange("DELETE", admin(), adminId, "admin").expectStatus()
			.isForbidden()
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Forbidden")
			.jsonPath("$.status")
			.isEqualTo(403);
		roleChange("PUT", admin(), adminId, "moderator").expectStatus().isForbidden();
		assertThat(this.keycloak.realmRoles(adminId)).containsExactly("admin");
	}

	@Test
	void theLastAdminCannotBeRemoved() {
		// an admin demoted in Keycloak still holds a valid token that says admin
		String formerAdmin = this.keycloak.createUser("former-admin", "admin");
		String formerAdminToken = this.keycloak.token(formerAdmin);
		String demoAdmin = this.keycloak.idOf("demo-admin");
		for (String other : this.keycloak.roleMembers("admin")) {
			if (!other.equals(demoAdmin)) {
				this.keycloak.revoke(other, "admin");
			}
		}
		roleChange("DELETE", formerAdminToken, demoAdmin, "admin").expectStatus()
			.isEqualTo(409)
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Last admin");
		assertThat(this.keycloak.roleMembers("admin")).containsExactly(demoAdmin);
	}

	@Test
	void moderatorsAndUsersCanDoNoneOfIt() {
		String userId = this.keycloak.createUser("target", "user");
		for (String caller : List.of("demo-moderator", "demo-user")) {
			String token = TestStack.get().passwordToken(caller);
			roleChange("PUT", token, userId, "moderator").expectStatus().isForbidden();
			roleChange("DELETE", token, userId, "user").expectStatus().isForbidden();
			roleChange("PUT", token, this.keycloak.idOf(caller), "admin").expectStatus().isForbidden();
			this.web.get()
				.uri("/api/admin/users")
				.headers((headers) -> headers.setBearerAuth(token))
				.exchange()
				.expectStatus()
				.isForbidden();
		}
		assertThat(this.keycloak.realmRoles(userId)).containsExactly("user");
		assertThat(this.keycloak.realmRoles(this.keycloak.idOf("demo-moderator"))).containsExactly("moderator");
	}

	@Test
	void anonymousCannotChangeRoles() {
		String userId = this.keycloak.createUser("anon-target", "user");
		this.web.put().uri("/api/admin/users/{id}/roles/admin", userId).exchange().expectStatus().isUnauthorized();
		assertThat(this.keycloak.realmRoles(userId)).containsExactly("user");
	}

	@Test
	void adminListsAndSearchesUsersWithTheirRolesPageByPage() {
		this.web.get()
			.uri("/api/admin/users?q=demo-moderator")
			.headers((headers) -> headers.setBearerAuth(admin()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.items[0].username")
			.isEqualTo("demo-moderator")
			.jsonPath("$.items[0].roles")
			.isEqualTo(List.of("moderator"))
			.jsonPath("$.nextCursor")
			.doesNotExist();
		String cursor = this.web.get()
			.uri("/api/admin/users?q=demo&limit=2")
			.headers((headers) -> headers.setBearerAuth(admin()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(UserPage.class)
			.returnResult()
			.getResponseBody()
			.nextCursor();
		assertThat(cursor).isNotNull();
		this.web.get()
			.uri("/api/admin/users?q=demo&limit=2&cursor={cursor}", cursor)
			.headers((headers) -> headers.setBearerAuth(admin()))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.items.length()")
			.isEqualTo(2);
		this.web.get()
			.uri("/api/admin/users?cursor=nonsense")
			.headers((headers) -> headers.setBearerAuth(admin()))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("cursor");
	}

	private WebTestClient.ResponseSpec roleChange(String method, String token, String userId, String role) {
		return this.web.method(org.springframework.http.HttpMethod.valueOf(method))
			.uri("/api/admin/users/{id}/roles/{role}", userId, role)
			.headers((headers) -> headers.setBearerAuth(token))
			.exchange();
	}

	private static String admin() {
		return TestStack.get().passwordToken("demo-admin");
	}

	/** As the owner: the service's own role may not change the schema. */
	private void execute(String sql) {
		TestStack.get().executeAsOwner("auth", sql);
	}

	private long count(String sql) {
		return this.db.sql(sql).map((row) -> row.get(0, Long.class)).one().block();
	}

	record UserPage(List<Object> items, String nextCursor) {
	}

}
