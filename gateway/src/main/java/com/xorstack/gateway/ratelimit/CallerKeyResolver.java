package com.xorstack.gateway.ratelimit;

import java.net.InetSocketAddress;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.ratelimit.KeyResolver;
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
			.filter(JwtAuthenticationToken.class::isInstance)
			.map((principal) -> key((JwtAuthenticationToken) principal))
			.switchIfEmpty(Mono.fromSupplier(() -> "anonymous:" + remoteAddress(exchange)));
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
