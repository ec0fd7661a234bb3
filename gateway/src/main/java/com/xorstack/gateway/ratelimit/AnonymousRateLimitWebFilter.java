package com.xorstack.gateway.ratelimit;

import java.util.regex.Pattern;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.server.ServerAuthenticationEntryPoint;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.WebSession;

/**
 * Limits anonymous callers by address before the security chain, which answers many of
 * their requests itself (a sign-in redirect that stores a session, the console's pages)
 * without the {@code RequestRateLimiter} route filter ever seeing them. A request with
 * what looks like a bearer token or with a signed-in console session is left to that
 * filter, which keys it by caller; a token that turns out invalid counts against the
 * address when the security chain refuses it ({@link #refusedToken}), so no header of the
 * caller's choosing escapes the limit (issue #19).
 */
public final class AnonymousRateLimitWebFilter implements WebFilter, Ordered {

	/** A JWT's shape: three base64url parts. */
	private static final Pattern BEARER_JWT = Pattern
		.compile("(?i:bearer) +[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+=*");

	private static final String COUNTED = AnonymousRateLimitWebFilter.class.getName() + ".counted";

	private final CallerRateLimiter limiter;

	private final ClientAddresses addresses;

	AnonymousRateLimitWebFilter(CallerRateLimiter limiter, ClientAddresses addresses) {
		this.limiter = limiter;
		this.addresses = addresses;
	}

	static boolean alreadyCounted(ServerWebExchange exchange) {
		return exchange.getAttribute(COUNTED) != null;
	}

	@Override
	public int getOrder() {
		// WebFilterChainProxy's order, which SecurityWebFiltersOrder does not name
		return -100 - 1;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		if (hasBearerToken(exchange) || isActuator(exchange)) {
			return chain.filter(exchange);
		}
		return isSignedIn(exchange).flatMap((signedIn) -> signedIn ? chain.filter(exchange) : limit(exchange, chain));
	}

	private static boolean hasBearerToken(ServerWebExchange exchange) {
		String authorization = exchange.getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION);
		return authorization != null && BEARER_JWT.matcher(authorization).matches();
	}

	/**
	 * The API chain's answer to a bearer token it refuses: counted against the caller's
	 * address as an anonymous request, then 401 (or 429 once the address is over its
	 * limit), so that forged tokens cost a caller what anonymous requests do.
	 */
	public ServerAuthenticationEntryPoint refusedToken(ServerAuthenticationEntryPoint unauthorized) {
		return (exchange, ex) -> alreadyCounted(exchange) ? unauthorized.commence(exchange, ex)
				: limit(exchange, Mono.defer(() -> unauthorized.commence(exchange, ex)));
	}

	/**
	 * Health probes on the management port pass this filter too: a probe refused while
	 * Redis is down would have the gateway restarted. The API port has no actuator.
	 */
	private static boolean isActuator(ServerWebExchange exchange) {
		return exchange.getRequest().getPath().pathWithinApplication().value().startsWith("/actuator/");
	}

	private static Mono<Boolean> isSignedIn(ServerWebExchange exchange) {
		// a new session (no cookie) is made in memory: no Redis call for a stranger
		return exchange.getSession().map(AnonymousRateLimitWebFilter::holdsSecurityContext).onErrorReturn(false);
	}

	private static boolean holdsSecurityContext(WebSession session) {
		return session
			.getAttribute(WebSessionServerSecurityContextRepository.DEFAULT_SPRING_SECURITY_CONTEXT_ATTR_NAME) != null;
	}

	private Mono<Void> limit(ServerWebExchange exchange, WebFilterChain chain) {
		return limit(exchange, Mono.defer(() -> chain.filter(exchange)));
	}

	private Mono<Void> limit(ServerWebExchange exchange, Mono<Void> allowed) {
		String key = CallerKeyResolver.ANONYMOUS + this.addresses.of(exchange.getRequest());
		exchange.getAttributes().put(COUNTED, Boolean.TRUE);
		return this.limiter.isAllowed("anonymous", key)
			.onErrorResume(BucketsUnavailableException.class,
					(ex) -> RateLimitProblems.unavailable(exchange).then(Mono.empty()))
			.flatMap((response) -> {
				exchange.getResponse().getHeaders().setAll(response.getHeaders());
				return response.isAllowed() ? allowed : RateLimitProblems.tooManyRequests(exchange);
			});
	}

}
