package com.xorstack.gateway.ratelimit;

import java.net.InetSocketAddress;
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
 * client id. An anonymous request is keyed by the connection's own address, never by a
 * header that a caller could forge.
 */
final class CallerKeyResolver implements KeyResolver {

	@Override
	public Mono<String> resolve(ServerWebExchange exchange) {
		return exchange.getPrincipal()
			.mapNotNull(CallerKeyResolver::key)
			.switchIfEmpty(Mono.fromSupplier(() -> "anonymous:" + remoteAddress(exchange)));
	}

	private static @Nullable String key(Principal principal) {
		if (principal instanceof JwtAuthenticationToken token) {
			return key(token);
		}
		// the console's own hop, before its token is relayed: a bucket of its own, so
		// that
		// the relayed call (keyed by the token) is not counted twice in the same one
		if (principal instanceof OAuth2AuthenticationToken login && login.getPrincipal() instanceof OidcUser user) {
			return "console:" + user.getSubject();
		}
		return null;
	}

	private static String key(JwtAuthenticationToken token) {
		String clientId = token.getToken().getClaimAsString("azp");
		boolean serviceAccount = token.getAuthorities()
			.stream()
			.anyMatch((authority) -> "ROLE_ingest".equals(authority.getAuthority()));
		return (serviceAccount && clientId != null) ? "client:" + clientId : "user:" + token.getName();
	}

	private static String remoteAddress(ServerWebExchange exchange) {
		InetSocketAddress remote = exchange.getRequest().getRemoteAddress();
		return (remote != null && remote.getAddress() != null) ? remote.getAddress().getHostAddress() : "unknown";
	}

}
