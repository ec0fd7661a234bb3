package com.xorstack.gateway.ratelimit;

import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.ServerHttpResponseDecorator;
import org.springframework.web.server.ServerWebExchange;

/**
 * Gives the {@code RequestRateLimiter} filter's refusal a problem body. That filter ends
 * a refused exchange with an empty 429 ({@code setComplete}), after the limiter's
 * {@code X-RateLimit-*} and {@code Retry-After} headers are set; a 429 that a service
 * sends itself has a body and is passed on untouched. A caller refused because the
 * buckets cannot be read gets a 503 ({@link BucketOutagePolicy}).
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
					return RateLimitProblems.tooManyRequests(exchange);
				}
				return super.setComplete();
			}

		};
		return chain.filter(exchange.mutate().response(response).build())
			.onErrorResume(BucketsUnavailableException.class, (ex) -> RateLimitProblems.unavailable(exchange));
	}

}
