package com.xorstack.auth.keycloak;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/** The fields of Keycloak's UserRepresentation that auth-service shows. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record KeycloakUser(String id, String username, @Nullable String email, @Nullable String firstName,
		@Nullable String lastName, boolean enabled) {
}
