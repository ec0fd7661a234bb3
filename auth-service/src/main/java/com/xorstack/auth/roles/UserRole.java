package com.xorstack.auth.roles;

/** One assignment: a user holds a realm role. */
record UserRole(String userId, String role) {
}
