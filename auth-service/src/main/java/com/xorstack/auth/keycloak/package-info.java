/**
 * Keycloak's admin REST API as auth-service uses it: a reactive client with a cached
 * client-credentials token, every call guarded by Resilience4j, failures surfaced as
 * {@link com.xorstack.auth.keycloak.KeycloakUnavailableException} (503 with
 * {@code Retry-After}).
 */
@NullMarked
package com.xorstack.auth.keycloak;

import org.jspecify.annotations.NullMarked;
