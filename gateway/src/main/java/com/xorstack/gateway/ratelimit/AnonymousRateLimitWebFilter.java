package com.xorstack.gateway.ratelimit;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.server.context.WebSessionServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.server.WebSession;

/**
 * Limits anonymous callers by address before the security chain, which answers many of
 * their requests itself (a sign-in redirect that stores a session, the console's pages)
 * without the {@code RequestRateLimiter} route filter ever seeing them. A request with a
 * bearer token or a signed-in console session is left to that filter, which keys it by
 * caller; a token that turns out invalid is refused by the security chain at once.
 */
final class AnonymousRateLimitWebFilter implements WebFilter, Ordered {

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
		if (exchange.getRequest().getHeaders().containsHeader(HttpHeaders.AUTHORIZATION) || isActuator(exchange)) {
			return chain.filter(exchange);
		}
		return isSignedIn(exchange).flatMap((signedIn) -> signedIn ? chain.filter(exchange) : limit(exchange, chain));
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
		String key = CallerKeyResolver.ANONYMOUS + this.addresses.of(exchange.getRequest());
		exchange.getAttributes().put(COUNTED, Boolean.TRUE);
		return this.limiter.isAllowed("anonymous", key)
			.onErrorResume(BucketsUnavailableException.class,
					(ex) -> RateLimitProblems.unavailable(exchange).then(Mono.empty()))
			.flatMap((response) -> {
				exchange.getResponse().getHeaders().setAll(response.getHeaders());
				return response.isAllowed() ? chain.filter(exchange) : RateLimitProblems.tooManyRequests(exchange);
			});
	}

}
