package com.xorstack.platform.security;

import java.util.Set;

/**
 * The realm roles of the {@code xorstack} Keycloak realm. Roles are flat in Keycloak; the
 * hierarchy (admin above moderator above user) lives in {@link ApiAccessRules}.
 */
public final class Roles {

	public static final String USER = "user";

	public static final String MODERATOR = "moderator";

	public static final String ADMIN = "admin";

	public static final String INGEST = "ingest";

	/** Roles that a person may hold; {@code ingest} is for service accounts only. */
	public static final Set<String> PERSON_ROLES = Set.of(USER, MODERATOR, ADMIN);

	private Roles() {
	}

}
