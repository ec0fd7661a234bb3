package com.xorstack.gateway.requestlog;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;

/**
 * Notes who called on the exchange. The request log wraps the security filters so that it
 * also sees refused requests, which means the caller is not in its reactive context; the
 * routed exchange shares its attributes.
 */
final class CallerCaptureGlobalFilter implements GlobalFilter, Ordered {

	static final String CALLER = CallerCaptureGlobalFilter.class.getName() + ".caller";

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		return exchange.getPrincipal()
			.doOnNext((principal) -> exchange.getAttributes().put(CALLER, principal))
			.then(Mono.defer(() -> chain.filter(exchange)));
	}

}
