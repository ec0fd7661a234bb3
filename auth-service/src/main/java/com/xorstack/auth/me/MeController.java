package com.xorstack.auth.me;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import com.xorstack.platform.security.KeycloakJwtAuthenticationConverter;

@RestController
class MeController {

	@GetMapping("/api/me")
	Me me(@AuthenticationPrincipal Jwt token) {
		return new Me(token.getSubject(), token.getClaimAsString("preferred_username"), token.getClaimAsString("email"),
				KeycloakJwtAuthenticationConverter.realmRoles(token));
	}

}
