package com.xorstack.platform.security;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.authorization.ServerAccessDeniedHandler;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;

import org.springframework.web.server.ServerWebExchange;

import com.xorstack.platform.web.ProblemResponses;

/**
 * The one security set-up of every Xorstack web application: stateless bearer tokens from
 * Keycloak, the shared {@link ApiAccessRules}, and problem bodies for 401 and 403.
 */
public final class ResourceServerSecurity {

	private ResourceServerSecurity() {
	}

	public static ServerHttpSecurity configure(ServerHttpSecurity http) {
		ServerAuthenticationEntryPoint entryPoint = ResourceServerSecurity::unauthorized;
		ServerAccessDeniedHandler deniedHandler = (exchange, ex) -> ProblemResponses.write(exchange,
				HttpStatus.FORBIDDEN, "Your roles do not allow this request.");
		return http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance())
			.oauth2ResourceServer((server) -> server.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(deniedHandler)
				.jwt((jwt) -> jwt.jwtAuthenticationConverter(new KeycloakJwtAuthenticationConverter())))
			.exceptionHandling(
					(handling) -> handling.authenticationEntryPoint(entryPoint).accessDeniedHandler(deniedHandler))
			.authorizeExchange(ApiAccessRules::apply);
	}

	/** The 401 problem of a missing or refused bearer token. */
	public static Mono<Void> unauthorized(ServerWebExchange exchange, AuthenticationException ex) {
		boolean tokenGiven = ex instanceof OAuth2AuthenticationException;
		exchange.getResponse()
			.getHeaders()
			.set(HttpHeaders.WWW_AUTHENTICATE, tokenGiven ? "Bearer error=\"invalid_token\"" : "Bearer");
		String detail = tokenGiven ? "The bearer token is invalid or expired." : "A valid bearer token is required.";
		return ProblemResponses.write(exchange, HttpStatus.UNAUTHORIZED, detail);
	}

	public static SecurityWebFilterChain build(ServerHttpSecurity http) {
		return configure(http).build();
	}

}
