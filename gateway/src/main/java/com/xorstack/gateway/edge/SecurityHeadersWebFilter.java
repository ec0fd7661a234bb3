package com.xorstack.gateway.edge;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The security headers of every answer, whoever wrote it: a service, the gateway's own
 * problem bodies or the security filters. Set just before commit so a service's own
 * values cannot weaken them. HSTS is sent on plain HTTP too: TLS ends in front of the
 * gateway, and browsers ignore the header on an insecure connection anyway.
 */
final class SecurityHeadersWebFilter implements WebFilter, Ordered {

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		exchange.getResponse().beforeCommit(() -> Mono.fromRunnable(() -> secure(exchange)));
		return chain.filter(exchange);
	}

	private static void secure(ServerWebExchange exchange) {
		HttpHeaders headers = exchange.getResponse().getHeaders();
		headers.set("X-Content-Type-Options", "nosniff");
		headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
		headers.set("X-Frame-Options", "DENY");
		headers.set("Content-Security-Policy", "frame-ancestors 'none'");
		headers.set("Referrer-Policy", "no-referrer");
		if (exchange.getRequest().getPath().value().startsWith("/api/")) {
			// Answers carry health data; no shared or browser cache may keep them.
			headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
			headers.remove(HttpHeaders.EXPIRES);
		}
	}

}
