/**
 * The admin console at {@code /admin}: the gateway as its backend-for-frontend. People
 * sign in with OpenID Connect (authorization code with PKCE) against Keycloak; the
 * session is kept in Redis, shared by every gateway replica (in memory when Redis is
 * switched off), and named by an HttpOnly, SameSite cookie; the page calls
 * {@code /bff/api/**} with that cookie and a CSRF header, and the gateway relays the
 * session's access token to the API, which never reaches the page.
 */
@NullMarked
package com.xorstack.gateway.console;

import org.jspecify.annotations.NullMarked;
