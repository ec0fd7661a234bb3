package com.xorstack.platform.security;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

import static org.assertj.core.api.Assertions.assertThat;

class KeycloakJwtAuthenticationConverterTests {

	@Test
	void realmRolesBecomeRoleAuthoritiesAndTheSubjectNamesThePrincipal() {
		Jwt jwt = jwt(Map.of("realm_access", Map.of("roles", List.of("moderator", "offline_access"))));
		var authentication = new KeycloakJwtAuthenticationConverter().convert(jwt).block();
		assertThat(authentication.getName()).isEqualTo("subject-1");
		assertThat(authentication.getAuthorities()).extracting(GrantedAuthority::getAuthority)
			.containsExactlyInAnyOrder("ROLE_moderator", "ROLE_offline_access");
	}

	@Test
	void tokenWithoutRealmRolesHasNoAuthorities() {
		assertThat(KeycloakJwtAuthenticationConverter.realmRoles(jwt(Map.of("scope", "openid")))).isEmpty();
		assertThat(KeycloakJwtAuthenticationConverter.realmRoles(jwt(Map.of("realm_access", Map.of("roles", "admin")))))
			.as("a roles claim that is not a list grants nothing")
			.isEmpty();
	}

	private static Jwt jwt(Map<String, Object> claims) {
		return Jwt.withTokenValue("token")
			.header("alg", "RS256")
			.subject("subject-1")
			.issuedAt(Instant.now())
			.expiresAt(Instant.now().plusSeconds(60))
			.claims((c) -> c.putAll(claims))
			.build();
	}

}
