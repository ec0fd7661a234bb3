package com.xorstack.auth.roles;

import org.jspecify.annotations.Nullable;

import org.springframework.security.oauth2.jwt.Jwt;

/** The admin making a change, as their token tells it. */
record Caller(String id, @Nullable String username) {

	static Caller of(Jwt token) {
		return new Caller(token.getSubject(), token.getClaimAsString("preferred_username"));
	}

}
