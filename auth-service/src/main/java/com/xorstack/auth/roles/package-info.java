/**
 * Users and their realm roles: listing through Keycloak, granting and revoking with the
 * escalation guards, the {@code user_roles} mirror with who granted what and when, its
 * reconciliation against Keycloak, and {@code auth.role-events.v1}.
 */
@NullMarked
package com.xorstack.auth.roles;

import org.jspecify.annotations.NullMarked;
