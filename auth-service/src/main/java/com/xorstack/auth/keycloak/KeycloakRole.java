package com.xorstack.auth.keycloak;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Keycloak's RoleRepresentation, as far as role mappings need it. */
@JsonIgnoreProperties(ignoreUnknown = true)
record KeycloakRole(String id, String name) {
}
