package com.xorstack.gateway.ratelimit;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ServerWebExchange;

import com.xorstack.platform.web.ProblemResponses;

/** The problem bodies of a refusal, alike before and after the security chain. */
final class RateLimitProblems {

	/** Redis is usually back (or fails over) within seconds. */
	static final String UNAVAILABLE_RETRY_AFTER = "5";

	private RateLimitProblems() {
	}

	static Mono<Void> tooManyRequests(ServerWebExchange exchange) {
		return ProblemResponses.write(exchange, HttpStatus.TOO_MANY_REQUESTS,
				"Too many requests from this caller; slow down and retry after the time given.");
	}

	static Mono<Void> unavailable(ServerWebExchange exchange) {
		exchange.getResponse().getHeaders().set(HttpHeaders.RETRY_AFTER, UNAVAILABLE_RETRY_AFTER);
		return ProblemResponses.write(exchange, HttpStatus.SERVICE_UNAVAILABLE,
				"Rate limits cannot be checked right now, so requests of anonymous callers and service accounts"
						+ " are refused; retry after the time given.");
	}

}
