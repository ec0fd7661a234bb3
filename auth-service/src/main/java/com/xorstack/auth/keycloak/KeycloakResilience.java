package com.xorstack.auth.keycloak;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import reactor.core.publisher.Mono;

import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Guards every Keycloak call as Retry(CircuitBreaker(TimeLimiter(call))): the time limit
 * bounds each attempt, the breaker counts each attempt, and Retry sits outside so that an
 * open breaker ({@link CallNotPermittedException}) answers at once instead of being
 * retried. Breakers are named after the operation they guard. Only a failure of
 * Keycloak's own (timeout, connection, 5xx) counts or is retried: a 4xx is our request's
 * fault and would fail the same way again.
 */
final class KeycloakResilience {

	private final CircuitBreakerRegistry breakers;

	private final RetryRegistry retries;

	private final TimeLimiterRegistry timeLimiters;

	private final Duration openFor;

	KeycloakResilience(KeycloakProperties properties, CircuitBreakerRegistry breakers) {
		this.breakers = breakers;
		this.openFor = properties.openFor();
		this.retries = RetryRegistry.of(RetryConfig.custom()
			.maxAttempts(properties.retryAttempts())
			.intervalFunction(IntervalFunction.ofExponentialRandomBackoff(properties.retryBackoff(), 2.0, 0.5))
			.retryOnException(unavailable())
			.ignoreExceptions(CallNotPermittedException.class)
			.build());
		this.timeLimiters = TimeLimiterRegistry
			.of(TimeLimiterConfig.custom().timeoutDuration(properties.timeout()).cancelRunningFuture(true).build());
	}

	static CircuitBreakerConfig breakerDefaults(KeycloakProperties properties) {
		return CircuitBreakerConfig.custom()
			.slidingWindowSize(10)
			.minimumNumberOfCalls(5)
			.failureRateThreshold(50)
			.waitDurationInOpenState(properties.openFor())
			.recordException(unavailable())
			.build();
	}

	/** A call that may safely be repeated: a read, or a set-like change. */
	<T> Mono<T> idempotent(String operation, Mono<T> call) {
		return call.transformDeferred(TimeLimiterOperator.of(this.timeLimiters.timeLimiter(operation)))
			.transformDeferred(CircuitBreakerOperator.of(this.breakers.circuitBreaker(operation)))
			.transformDeferred(RetryOperator.of(this.retries.retry(operation)))
			.onErrorMap(unavailable().or(CallNotPermittedException.class::isInstance),
					(ex) -> new KeycloakUnavailableException(operation, this.openFor, ex));
	}

	static Predicate<Throwable> unavailable() {
		return (ex) -> ex instanceof TimeoutException || ex instanceof WebClientRequestException
				|| ex instanceof IOException
				|| (ex instanceof WebClientResponseException response && response.getStatusCode().is5xxServerError());
	}

}
