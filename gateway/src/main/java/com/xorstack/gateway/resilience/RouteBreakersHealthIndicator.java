package com.xorstack.gateway.resilience;

import java.util.Map;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The state of each route's breaker under {@code routeBreakers} in
 * {@code /actuator/health}. Always UP: an open breaker means a service is failing, not
 * the gateway, and the gateway taken out of rotation would fail every other route too.
 * (Resilience4j's own indicator is for Spring Boot 3 and does not register on Boot 4.)
 */
final class RouteBreakersHealthIndicator implements HealthIndicator {

	private final CircuitBreakerRegistry breakers;

	RouteBreakersHealthIndicator(CircuitBreakerRegistry breakers) {
		this.breakers = breakers;
	}

	@Override
	public Health health() {
		Health.Builder health = Health.up();
		for (CircuitBreaker breaker : this.breakers.getAllCircuitBreakers()) {
			CircuitBreaker.Metrics metrics = breaker.getMetrics();
			health.withDetail(breaker.getName(), Map.of("state", breaker.getState().name(), "failureRate",
					metrics.getFailureRate(), "bufferedCalls", metrics.getNumberOfBufferedCalls()));
		}
		return health.build();
	}

}
