package com.xorstack.metrics.alerting;

import org.springframework.security.oauth2.jwt.Jwt;

/** The name an admin's changes are recorded under. */
final class Admins {

	private Admins() {
	}

	static String name(Jwt admin) {
		String username = admin.getClaimAsString("preferred_username");
		return (username != null) ? username : admin.getSubject();
	}

}
