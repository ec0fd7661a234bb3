package com.xorstack.gateway.console;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRepository;
import org.springframework.security.web.server.csrf.WebSessionServerCsrfTokenRepository;
import org.springframework.web.server.ServerWebExchange;

/**
 * The console's CSRF tokens, kept in the session: a token is the session's, not a
 * cookie's that whoever can set a cookie for the host would choose. The page reads it
 * from {@code /bff/session} and sends it back as {@code X-XSRF-TOKEN}.
 * <p>
 * Sign-out invalidates the whole session, token included; clearing the token as well
 * would write to the invalidated session, which the Redis store refuses.
 */
final class SessionCsrfTokens implements ServerCsrfTokenRepository {

	static final String HEADER = "X-XSRF-TOKEN";

	private final WebSessionServerCsrfTokenRepository tokens = new WebSessionServerCsrfTokenRepository();

	SessionCsrfTokens() {
		this.tokens.setHeaderName(HEADER);
	}

	@Override
	public Mono<CsrfToken> generateToken(ServerWebExchange exchange) {
		return this.tokens.generateToken(exchange);
	}

	@Override
	public Mono<Void> saveToken(ServerWebExchange exchange, @Nullable CsrfToken token) {
		return (token != null) ? this.tokens.saveToken(exchange, token) : Mono.empty();
	}

	@Override
	public Mono<CsrfToken> loadToken(ServerWebExchange exchange) {
		return this.tokens.loadToken(exchange);
	}

}
