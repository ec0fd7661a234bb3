/**
 * auth-service: who a caller is, role management through Keycloak's admin API, and the
 * append-only, hash-chained audit log of every privileged action in the suite. Owns the
 * {@code auth} database.
 */
@NullMarked
package com.xorstack.auth;

import org.jspecify.annotations.NullMarked;
