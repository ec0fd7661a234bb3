package com.xorstack.platform.security;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

/**
 * Maps Keycloak's {@code realm_access.roles} claim to {@code ROLE_<role>} authorities and
 * names the principal by the token's subject, the stable user id that services store.
 */
public final class KeycloakJwtAuthenticationConverter implements Converter<Jwt, Mono<AbstractAuthenticationToken>> {

	@Override
	public Mono<AbstractAuthenticationToken> convert(Jwt jwt) {
		return Mono.just(new JwtAuthenticationToken(jwt, authorities(jwt), jwt.getSubject()));
	}

	public static List<String> realmRoles(Jwt jwt) {
		Map<String, Object> realmAccess = jwt.getClaimAsMap("realm_access");
		if (realmAccess == null || !(realmAccess.get("roles") instanceof Collection<?> roles)) {
			return List.of();
		}
		return roles.stream().map(String::valueOf).sorted().toList();
	}

	static Collection<GrantedAuthority> authorities(Jwt jwt) {
		return realmRoles(jwt).stream()
			.<GrantedAuthority>map((role) -> new SimpleGrantedAuthority("ROLE_" + role))
			.toList();
	}

}
