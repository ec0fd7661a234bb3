package com.xorstack.auth;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.xorstack.devstack.TestStack;
import com.xorstack.devstack.TokenClient;

/**
 * Keycloak's admin API called directly, behind auth-service's back: to create test users,
 * to make drift, and to check what Keycloak really holds after a request.
 */
public final class KeycloakTestAdmin {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final String base = TestStack.get().devStack().keycloakUrl() + "/admin/realms/xorstack";

	/** Creates an enabled user whose password is their user name; answers the id. */
	public String createUser(String prefix, String... roles) {
		String username = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
		Map<String, Object> user = Map.of("username", username, "enabled", true, "email", username + "@test.local",
				"emailVerified", true, "firstName", "Test", "lastName", prefix, "credentials",
				List.of(Map.of("type", "password", "value", username, "temporary", false)));
		HttpResponse<String> created = send("POST", "/users", user);
		check(created, 201);
		String location = created.headers().firstValue("Location").orElseThrow();
		String id = location.substring(location.lastIndexOf('/') + 1);
		for (String role : roles) {
			grant(id, role);
		}
		return id;
	}

	public String username(String userId) {
		return json(send("GET", "/users/" + userId, null)).get("username").asString();
	}

	public String idOf(String username) {
		JsonNode users = json(send("GET", "/users?exact=true&username=" + username, null));
		return users.get(0).get("id").asString();
	}

	public List<String> realmRoles(String userId) {
		List<String> roles = new ArrayList<>();
		json(send("GET", "/users/" + userId + "/role-mappings/realm", null))
			.forEach((role) -> roles.add(role.get("name").asString()));
		return roles.stream().filter((role) -> !role.startsWith("default-roles")).sorted().toList();
	}

	public List<String> roleMembers(String role) {
		List<String> ids = new ArrayList<>();
		json(send("GET", "/roles/" + role + "/users?max=1000", null))
			.forEach((user) -> ids.add(user.get("id").asString()));
		return ids;
	}

	public void grant(String userId, String role) {
		check(send("POST", "/users/" + userId + "/role-mappings/realm", List.of(role(role))), 204);
	}

	public void revoke(String userId, String role) {
		check(send("DELETE", "/users/" + userId + "/role-mappings/realm", List.of(role(role))), 204);
	}

	/** The realm roles in a fresh access token of a user made by {@link #createUser}. */
	public List<String> rolesInNewToken(String userId) {
		String username = username(userId);
		String token = new TokenClient(TestStack.get().devStack().internalIssuerUri()).passwordToken(username,
				username);
		String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
		List<String> roles = new ArrayList<>();
		JSON.readTree(payload).get("realm_access").get("roles").forEach((role) -> roles.add(role.asString()));
		return roles;
	}

	/** A token of a user made by {@link #createUser}, for calls as that user. */
	public String token(String userId) {
		String username = username(userId);
		return new TokenClient(TestStack.get().devStack().internalIssuerUri()).passwordToken(username, username);
	}

	private JsonNode role(String role) {
		return json(send("GET", "/roles/" + role, null));
	}

	private JsonNode json(HttpResponse<String> response) {
		check(response, 200);
		return JSON.readTree(response.body());
	}

	private HttpResponse<String> send(String method, String path, Object body) {
		HttpRequest.BodyPublisher publisher = (body != null)
				? HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))
				: HttpRequest.BodyPublishers.noBody();
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.base + path))
			.header("Authorization",
					"Bearer " + TestStack.get().clientCredentialsToken("auth-service", "auth-service-secret"))
			.header("Content-Type", "application/json")
			.method(method, publisher)
			.build();
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (Exception ex) {
			throw new IllegalStateException(method + " " + path + " failed", ex);
		}
	}

	private static void check(HttpResponse<String> response, int status) {
		if (response.statusCode() != status) {
			throw new IllegalStateException(response.request().method() + " " + response.request().uri() + " answered "
					+ response.statusCode() + ": " + response.body());
		}
	}

}
