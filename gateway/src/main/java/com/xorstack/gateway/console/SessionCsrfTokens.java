package com.xorstack.gateway.console;

import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.security.web.server.csrf.DefaultCsrfToken;
import org.springframework.security.web.server.csrf.ServerCsrfTokenRepository;
import org.springframework.web.server.ServerWebExchange;

/**
 * The console's CSRF tokens, kept in the session: a token is the session's, not a
 * cookie's that whoever can set a cookie for the host would choose. The page reads it
 * from {@code /bff/session} and sends it back as {@code X-XSRF-TOKEN}.
 * <p>
 * Unlike Spring's {@code WebSessionServerCsrfTokenRepository}, storing a new token does
 * not change the session's id: the sign-in has changed it already, and a change while the
 * page's first calls are in flight answered them 401 (the page then reloaded). Nor does
 * sign-out clear the token: it invalidates the whole session, and a write to the
 * invalidated session is refused by the Redis store.
 */
final class SessionCsrfTokens implements ServerCsrfTokenRepository {

	static final String HEADER = "X-XSRF-TOKEN";

	private static final String PARAMETER = "_csrf";

	private static final String ATTRIBUTE = SessionCsrfTokens.class.getName() + ".token";

	@Override
	public Mono<CsrfToken> generateToken(ServerWebExchange exchange) {
		return Mono.fromSupplier(() -> new DefaultCsrfToken(HEADER, PARAMETER, UUID.randomUUID().toString()));
	}

	@Override
	public Mono<Void> saveToken(ServerWebExchange exchange, @Nullable CsrfToken token) {
		if (token == null) {
			return Mono.empty();
		}
		return exchange.getSession().doOnNext((session) -> session.getAttributes().put(ATTRIBUTE, token)).then();
	}

	@Override
	public Mono<CsrfToken> loadToken(ServerWebExchange exchange) {
		return exchange.getSession().mapNotNull((session) -> session.getAttribute(ATTRIBUTE));
	}

}
