package com.xorstack.gateway.resilience;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServiceUnavailableException;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;

import com.xorstack.platform.web.ProblemResponses;

/**
 * Turns what the {@code Retry} and {@code CircuitBreaker} filters let through into
 * problem bodies. Runs before Boot's error handler, whose JSON is not a problem body and
 * which would answer a refused connection with a 500.
 */
@Order(-2)
final class UpstreamFailureHandler implements WebExceptionHandler {

	private static final long DEFAULT_RETRY_AFTER_SECONDS = 1;

	private final CircuitBreakerRegistry breakers;

	UpstreamFailureHandler(CircuitBreakerRegistry breakers) {
		this.breakers = breakers;
	}

	@Override
	public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
		Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
		if (route == null || exchange.getResponse().isCommitted()) {
			return Mono.error(ex);
		}
		String service = route.getId();
		if (isOpenCircuit(ex)) {
			return problem(exchange, HttpStatus.SERVICE_UNAVAILABLE, openFor(service),
					"The " + service + " service is failing; calls to it are paused.");
		}
		if (isTimeout(ex)) {
			return problem(exchange, HttpStatus.GATEWAY_TIMEOUT, DEFAULT_RETRY_AFTER_SECONDS,
					"The " + service + " service did not answer in time.");
		}
		if (has(ex, ConnectException.class)) {
			return problem(exchange, HttpStatus.SERVICE_UNAVAILABLE, DEFAULT_RETRY_AFTER_SECONDS,
					"The " + service + " service cannot be reached.");
		}
		if (has(ex, IOException.class)) {
			return problem(exchange, HttpStatus.BAD_GATEWAY, null,
					"The " + service + " service closed the connection without an answer.");
		}
		return Mono.error(ex);
	}

	/**
	 * Whether this handler answers {@code ex} with a problem of its own (on a route): an
	 * upstream failure, counted per route by the request events, not an error of the
	 * gateway to report.
	 */
	static boolean answers(Throwable ex) {
		return isOpenCircuit(ex) || isTimeout(ex) || has(ex, IOException.class);
	}

	private static boolean isOpenCircuit(Throwable ex) {
		return has(ex, CallNotPermittedException.class) || has(ex, ServiceUnavailableException.class);
	}

	private static boolean isTimeout(Throwable ex) {
		if (has(ex, TimeoutException.class)) {
			return true;
		}
		ResponseStatusException status = find(ex, ResponseStatusException.class);
		return status != null && status.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value();
	}

	/**
	 * The whole wait of the open state: an upper bound of when the breaker lets a probe
	 * through.
	 */
	private long openFor(String service) {
		return this.breakers.find(service)
			.map(CircuitBreaker::getCircuitBreakerConfig)
			.map((config) -> config.getWaitIntervalFunctionInOpenState().apply(1))
			.map((millis) -> Math.max(1, Math.ceilDiv(millis, 1000L)))
			.orElse(DEFAULT_RETRY_AFTER_SECONDS);
	}

	private static Mono<Void> problem(ServerWebExchange exchange, HttpStatus status, @Nullable Long retryAfter,
			String detail) {
		HttpHeaders headers = exchange.getResponse().getHeaders();
		if (retryAfter != null) {
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfter));
		}
		return ProblemResponses.write(exchange, status, detail);
	}

	private static boolean has(Throwable ex, Class<? extends Throwable> type) {
		return find(ex, type) != null;
	}

	private static <T extends Throwable> @Nullable T find(Throwable ex, Class<T> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return null;
	}

}
