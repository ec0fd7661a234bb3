package com.xorstack.gateway.edge;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.xorstack.platform.tracing.TraceContexts;

/**
 * Every answer names its trace in {@code X-Trace-Id}, so that whoever reports a problem
 * (a person, the feedback widget, an edge function's log) can quote what an SRE pastes
 * into Jaeger or Zipkin. The id is read when the request arrives, while the agent's
 * server span is current; without the agent there is none and no header.
 */
final class TraceIdWebFilter implements WebFilter, Ordered {

	static final String HEADER = "X-Trace-Id";

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		String traceId = TraceContexts.currentTraceId();
		if (traceId != null) {
			// set now, not before commit: a proxied answer's headers are added to these
			exchange.getResponse().getHeaders().set(HEADER, traceId);
		}
		return chain.filter(exchange);
	}

}
