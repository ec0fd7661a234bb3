/**
 * Who may call what: the API role table of DESIGN.md §3 that the gateway and every
 * service apply alike, the mapping of Keycloak's {@code realm_access.roles} claim to
 * authorities, and the problem responses for 401 and 403.
 */
@NullMarked
package com.xorstack.platform.security;

import org.jspecify.annotations.NullMarked;
