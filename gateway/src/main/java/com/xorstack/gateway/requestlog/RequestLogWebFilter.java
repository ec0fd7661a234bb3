package com.xorstack.gateway.requestlog;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.xorstack.platform.tracing.TraceContexts;

/**
 * Records each request when its answer is committed, so that answers written outside the
 * filter chain (problem bodies of error handlers, 401s of the security filters) are
 * recorded with their real status. Runs before security and the size limit to see those
 * refusals too.
 */
final class RequestLogWebFilter implements WebFilter, Ordered {

	/** Closed by the client before any answer (nginx's convention). */
	private static final int CLIENT_CLOSED = 499;

	private final RequestEventBuffer buffer;

	RequestLogWebFilter(RequestEventBuffer buffer) {
		this.buffer = buffer;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 5;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String path = exchange.getRequest().getPath().value();
		if (path.startsWith("/actuator/") || path.startsWith("/bff/api/")) {
			// probes and scrapes on the management port are not API traffic; a console
			// call
			// is recorded once, by its relayed hop on /api/..., with its caller
			return chain.filter(exchange);
		}
		Instant at = Instant.now();
		long started = System.nanoTime();
		AtomicBoolean recorded = new AtomicBoolean();
		// the agent's server span, current only now: a request that came without a
		// traceparent has a trace too, which the slowest requests link to
		String current = TraceContexts.currentTraceId();
		String traceId = (current != null) ? current
				: traceId(exchange.getRequest().getHeaders().getFirst("traceparent"));
		exchange.getResponse()
			.beforeCommit(() -> Mono.fromRunnable(() -> record(exchange, at, started, traceId, recorded)));
		return chain.filter(exchange).doFinally((signal) -> {
			if (signal == SignalType.CANCEL) {
				record(exchange, at, started, traceId, recorded);
			}
		});
	}

	private void record(ServerWebExchange exchange, Instant at, long started, @Nullable String traceId,
			AtomicBoolean recorded) {
		if (!recorded.compareAndSet(false, true)) {
			return;
		}
		HttpStatusCode status = exchange.getResponse().getStatusCode();
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		JwtAuthenticationToken caller = (exchange
			.getAttribute(CallerCaptureGlobalFilter.CALLER) instanceof JwtAuthenticationToken token) ? token : null;
		boolean serviceAccount = caller != null && caller.getAuthorities()
			.stream()
			.anyMatch((authority) -> "ROLE_ingest".equals(authority.getAuthority()));
		this.buffer.add(new GatewayRequestCompleted((route != null) ? route.getId() : null,
				exchange.getRequest().getMethod().name(), exchange.getRequest().getPath().value(),
				(status != null) ? status.value() : (exchange.getResponse().isCommitted() ? 200 : CLIENT_CLOSED),
				(System.nanoTime() - started) / 1_000_000.0,
				(caller != null && !serviceAccount) ? caller.getName() : null,
				serviceAccount ? caller.getToken().getClaimAsString("azp") : null,
				(caller != null) ? caller.getToken().getClaimAsString("sid") : null, traceId, at));
	}

	/** The trace id of a W3C {@code traceparent}: version-traceid-spanid-flags. */
	static @Nullable String traceId(@Nullable String traceparent) {
		if (traceparent == null || traceparent.length() < 55 || traceparent.charAt(2) != '-') {
			return null;
		}
		String traceId = traceparent.substring(3, 35);
		return (traceId.chars().allMatch((c) -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))
				&& !traceId.equals("0".repeat(32))) ? traceId : null;
	}

}
