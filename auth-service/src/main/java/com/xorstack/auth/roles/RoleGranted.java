package com.xorstack.auth.roles;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** Data of {@code com.xorstack.auth.role-granted.v1}. */
record RoleGranted(String userId, @Nullable String username, String role, String grantedBy, Instant grantedAt) {
}
