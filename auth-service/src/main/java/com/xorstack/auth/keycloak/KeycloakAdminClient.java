package com.xorstack.auth.keycloak;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * The realm's users and realm-role mappings through Keycloak's admin REST API. Every call
 * is idempotent: reads, and role mappings, which Keycloak treats as a set (adding a held
 * role or removing one not held changes nothing), so all of them may be retried.
 */
public class KeycloakAdminClient {

	private static final ParameterizedTypeReference<List<KeycloakUser>> USERS = new ParameterizedTypeReference<>() {
	};

	private static final ParameterizedTypeReference<List<KeycloakRole>> ROLES = new ParameterizedTypeReference<>() {
	};

	/** Page size when walking all members of a role. */
	private static final int MEMBERS_PAGE = 100;

	private final WebClient web;

	private final KeycloakTokens tokens;

	private final KeycloakResilience resilience;

	private final String base;

	KeycloakAdminClient(WebClient web, KeycloakTokens tokens, KeycloakResilience resilience,
			KeycloakProperties properties) {
		this.web = web;
		this.tokens = tokens;
		this.resilience = resilience;
		this.base = properties.adminBase().toString();
	}

	public Mono<List<KeycloakUser>> searchUsers(String query, int first, int max) {
		return call("keycloak-search-users", (token) -> this.web.get()
			.uri(this.base + "/users?briefRepresentation=true&search={q}&first={first}&max={max}", query, first, max)
			.headers((headers) -> headers.setBearerAuth(token))
			.retrieve()
			.bodyToMono(USERS));
	}

	/** The user, or empty when Keycloak has no user of that id. */
	public Mono<KeycloakUser> findUser(String userId) {
		Mono<KeycloakUser> user = call("keycloak-get-user",
				(token) -> this.web.get()
					.uri(this.base + "/users/{id}", userId)
					.headers((headers) -> headers.setBearerAuth(token))
					.retrieve()
					.bodyToMono(KeycloakUser.class));
		return user.onErrorResume(WebClientResponseException.NotFound.class, (ex) -> Mono.empty());
	}

	/** The names of the realm roles mapped to the user directly. */
	public Mono<List<String>> realmRoles(String userId) {
		return call("keycloak-user-roles",
				(token) -> this.web.get()
					.uri(this.base + "/users/{id}/role-mappings/realm", userId)
					.headers((headers) -> headers.setBearerAuth(token))
					.retrieve()
					.bodyToMono(ROLES))
			.map((roles) -> roles.stream().map(KeycloakRole::name).toList());
	}

	/** Every user holding the realm role directly, walking Keycloak's pages. */
	public Mono<List<KeycloakUser>> roleMembers(String role) {
		return membersFrom(role, 0).collectList();
	}

	public Mono<Void> grant(String userId, String role) {
		return role(role)
			.flatMap((representation) -> call("keycloak-grant-role",
					(token) -> this.web.post()
						.uri(this.base + "/users/{id}/role-mappings/realm", userId)
						.headers((headers) -> headers.setBearerAuth(token))
						.bodyValue(List.of(representation))
						.retrieve()
						.toBodilessEntity()))
			.then();
	}

	public Mono<Void> revoke(String userId, String role) {
		return role(role)
			.flatMap((representation) -> call("keycloak-revoke-role",
					(token) -> this.web.method(HttpMethod.DELETE)
						.uri(this.base + "/users/{id}/role-mappings/realm", userId)
						.headers((headers) -> headers.setBearerAuth(token))
						.bodyValue(List.of(representation))
						.retrieve()
						.toBodilessEntity()))
			.then();
	}

	private Flux<KeycloakUser> membersFrom(String role, int first) {
		return membersPage(role, first).flatMapMany((page) -> (page.size() < MEMBERS_PAGE) ? Flux.fromIterable(page)
				: Flux.fromIterable(page).concatWith(Flux.defer(() -> membersFrom(role, first + MEMBERS_PAGE))));
	}

	private Mono<List<KeycloakUser>> membersPage(String role, int first) {
		return call("keycloak-role-members",
				(token) -> this.web.get()
					.uri(this.base + "/roles/{role}/users?briefRepresentation=true&first={first}&max={max}",
							Map.of("role", role, "first", first, "max", MEMBERS_PAGE))
					.headers((headers) -> headers.setBearerAuth(token))
					.retrieve()
					.bodyToMono(USERS));
	}

	private Mono<KeycloakRole> role(String role) {
		return call("keycloak-get-role",
				(token) -> this.web.get()
					.uri(this.base + "/roles/{role}", role)
					.headers((headers) -> headers.setBearerAuth(token))
					.retrieve()
					.bodyToMono(KeycloakRole.class));
	}

	/** The token is fetched inside the guard, so that each retry gets a valid one. */
	private <T> Mono<T> call(String operation, Function<String, Mono<T>> request) {
		return this.resilience.idempotent(operation, this.tokens.get().flatMap(request));
	}

}
