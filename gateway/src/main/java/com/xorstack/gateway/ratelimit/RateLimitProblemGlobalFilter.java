package com.xorstack.gateway.ratelimit;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;

import com.xorstack.platform.web.ProblemResponses;

/**
 * Gives the {@code RequestRateLimiter} filter's refusal a problem body. That filter ends
 * a refused exchange with an empty 429 ({@code setComplete}), after the limiter's
 * {@code X-RateLimit-*} and {@code Retry-After} headers are set; a 429 that a service
 * sends itself has a body and is passed on untouched.
 */
final class RateLimitProblemGlobalFilter implements GlobalFilter, Ordered {

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 1;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
		ServerHttpResponse response = new ServerHttpResponseDecorator(exchange.getResponse()) {

			@Override
			public Mono<Void> setComplete() {
				if (HttpStatus.TOO_MANY_REQUESTS.equals(getStatusCode()) && !isCommitted()) {
					return ProblemResponses.write(exchange, HttpStatus.TOO_MANY_REQUESTS,
							"Too many requests from this caller; slow down and retry after the time given.");
				}
				return super.setComplete();
			}

		};
		return chain.filter(exchange.mutate().response(response).build());
	}

}
