package com.xorstack.auth.roles;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** Data of {@code com.xorstack.auth.role-revoked.v1}. */
record RoleRevoked(String userId, @Nullable String username, String role, String revokedBy, Instant revokedAt) {
}
