package com.xorstack.gateway.ratelimit;

import java.security.Principal;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;

/**
 * Keys a request by who is calling: the user's subject, or for a service account the
 * client id. An anonymous request is keyed by its client's address
 * ({@link ClientAddresses}), and counted only once: when
 * {@link AnonymousRateLimitWebFilter} has already taken its token, no key is given, which
 * the {@code RequestRateLimiter} filter lets pass ({@code deny-empty-key: false}).
 */
final class CallerKeyResolver implements KeyResolver {

	static final String USER = "user:";

	static final String CONSOLE = "console:";

	static final String CLIENT = "client:";

	static final String ANONYMOUS = "anonymous:";

	private final ClientAddresses addresses;

	CallerKeyResolver(ClientAddresses addresses) {
		this.addresses = addresses;
	}

	@Override
	public Mono<String> resolve(ServerWebExchange exchange) {
		return exchange.getPrincipal()
			.mapNotNull(CallerKeyResolver::key)
			.switchIfEmpty(Mono.fromSupplier(() -> anonymousKey(exchange)));
	}

	private @Nullable String anonymousKey(ServerWebExchange exchange) {
		if (AnonymousRateLimitWebFilter.alreadyCounted(exchange)) {
			return null;
		}
		return ANONYMOUS + this.addresses.of(exchange.getRequest());
	}

	private static @Nullable String key(Principal principal) {
		if (principal instanceof JwtAuthenticationToken token) {
			return key(token);
		}
		// the console's own hop, before its token is relayed: a bucket of its own, so
		// that
		// the relayed call (keyed by the token) is not counted twice in the same one
		if (principal instanceof OAuth2AuthenticationToken login && login.getPrincipal() instanceof OidcUser user) {
			return CONSOLE + user.getSubject();
		}
		return null;
	}

	private static String key(JwtAuthenticationToken token) {
		String clientId = token.getToken().getClaimAsString("azp");
		boolean serviceAccount = token.getAuthorities()
			.stream()
			.anyMatch((authority) -> "ROLE_ingest".equals(authority.getAuthority()));
		return (serviceAccount && clientId != null) ? CLIENT + clientId : USER + token.getName();
	}

}
