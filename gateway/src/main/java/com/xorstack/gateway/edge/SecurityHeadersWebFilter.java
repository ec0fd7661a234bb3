package com.xorstack.gateway.edge;

import org.jspecify.annotations.Nullable;
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

	/**
	 * The console's pages load their one module script and style sheet from the gateway
	 * and call it alone: an injected inline script, style attribute, foreign script or
	 * exfiltrating request is refused by the browser.
	 */
	static final String CONSOLE_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
			+ " connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

	/**
	 * The widget's sample page: scripts and styles from files, as the console's; the
	 * widget styles itself with a constructed style sheet, which the policy allows.
	 */
	static final String WIDGET_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
			+ " connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

	/**
	 * The public status page: its script and styles are files; it only reads /api/status.
	 */
	static final String STATUS_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self';"
			+ " base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

	/**
	 * Swagger UI: its scripts are files, but React sets inline styles, so styles (never
	 * scripts) may be inline. A page of its own, apart from the console's.
	 */
	static final String API_DOCS_POLICY = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline';"
			+ " img-src 'self' data:; font-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'self';"
			+ " frame-ancestors 'none'";

	/** Everything else is JSON: a browser that opens it loads nothing with it. */
	static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'";

	/** The browser Sentry's origin, which the console and widget pages may post to. */
	private final @Nullable String reportOrigin;

	SecurityHeadersWebFilter(@Nullable String reportOrigin) {
		this.reportOrigin = reportOrigin;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		exchange.getResponse().beforeCommit(() -> Mono.fromRunnable(() -> secure(exchange)));
		return chain.filter(exchange);
	}

	static String policy(String path) {
		if (path.startsWith("/admin")) {
			return CONSOLE_POLICY;
		}
		if (path.startsWith("/widget/")) {
			return WIDGET_POLICY;
		}
		if (path.equals("/status") || path.startsWith("/status/")) {
			return STATUS_POLICY;
		}
		if (path.startsWith("/swagger-ui") || path.startsWith("/webjars/swagger-ui/")) {
			return API_DOCS_POLICY;
		}
		return API_POLICY;
	}

	/**
	 * {@link #policy(String)}, with the browser Sentry's origin added to the connect-src
	 * of the two pages that report to it, and only when it is configured.
	 */
	static String policy(String path, @Nullable String reportOrigin) {
		String policy = policy(path);
		if (reportOrigin == null || !(policy.equals(CONSOLE_POLICY) || policy.equals(WIDGET_POLICY))) {
			return policy;
		}
		return policy.replace("connect-src 'self';", "connect-src 'self' " + reportOrigin + ";");
	}

	private void secure(ServerWebExchange exchange) {
		HttpHeaders headers = exchange.getResponse().getHeaders();
		headers.set("X-Content-Type-Options", "nosniff");
		headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
		headers.set("X-Frame-Options", "DENY");
		String path = exchange.getRequest().getPath().value();
		headers.set("Content-Security-Policy", policy(path, this.reportOrigin));
		headers.set("Referrer-Policy", "no-referrer");
		if (path.startsWith("/api/")) {
			// Answers carry health data; no shared or browser cache may keep them.
			headers.set(HttpHeaders.CACHE_CONTROL, "no-store");
			headers.remove(HttpHeaders.EXPIRES);
		}
	}

}
