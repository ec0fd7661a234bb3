package com.xorstack.auth.roles;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

import com.xorstack.auth.keycloak.KeycloakAdminClient;
import com.xorstack.auth.keycloak.KeycloakUser;
import com.xorstack.platform.security.Roles;
import com.xorstack.platform.web.InvalidParameterException;
import com.xorstack.platform.web.Page;

/**
 * Lists and searches users in Keycloak. Keycloak pages by offset, so the opaque cursor
 * carries the offset of the next page.
 */
@Service
class UserDirectory {

	/** The realm roles worth showing; Keycloak's default composite role is not one. */
	private static final Set<String> SHOWN_ROLES = Set.of(Roles.USER, Roles.MODERATOR, Roles.ADMIN, Roles.INGEST);

	/** How many users' roles are fetched from Keycloak at once. */
	private static final int CONCURRENCY = 4;

	private final KeycloakAdminClient keycloak;

	UserDirectory(KeycloakAdminClient keycloak) {
		this.keycloak = keycloak;
	}

	Mono<Page<UserSummary>> search(String query, @Nullable String cursor, int limit) {
		int first = (cursor != null) ? decode(cursor) : 0;
		return this.keycloak.searchUsers(query, first, limit + 1)
			.flatMapMany(Flux::fromIterable)
			.flatMapSequential(this::withRoles, CONCURRENCY)
			.collectList()
			.map((users) -> Page.of(users, limit, (last) -> encode(first + limit)));
	}

	private Mono<UserSummary> withRoles(KeycloakUser user) {
		return this.keycloak.realmRoles(user.id()).map((roles) -> UserSummary.of(user, shown(roles)));
	}

	private static List<String> shown(List<String> roles) {
		return roles.stream().filter(SHOWN_ROLES::contains).sorted().toList();
	}

	static String encode(int offset) {
		return Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString(("users:" + offset).getBytes(StandardCharsets.UTF_8));
	}

	static int decode(String cursor) {
		try {
			String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
			if (!raw.startsWith("users:")) {
				throw new IllegalArgumentException(raw);
			}
			int offset = Integer.parseInt(raw.substring("users:".length()));
			if (offset < 0) {
				throw new IllegalArgumentException(raw);
			}
			return offset;
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidParameterException("cursor", "is not a cursor this API issued");
		}
	}

}
