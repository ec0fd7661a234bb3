package com.xorstack.auth.roles;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.xorstack.auth.keycloak.KeycloakUser;

/** A user as {@code GET /api/admin/users} lists them, with their realm roles. */
record UserSummary(String id, String username, @Nullable String email, @Nullable String firstName,
		@Nullable String lastName, boolean enabled, List<String> roles) {

	static UserSummary of(KeycloakUser user, List<String> roles) {
		return new UserSummary(user.id(), user.username(), user.email(), user.firstName(), user.lastName(),
				user.enabled(), roles);
	}

}
