package com.xorstack.gateway.resilience;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import com.xorstack.platform.errors.ExpectedErrors;

/**
 * The breakers and time limits themselves come from Spring Cloud CircuitBreaker, set up
 * from the {@code resilience4j.*} properties; this adds the answers a caller gets when
 * they trip.
 */
@Configuration(proxyBeanMethods = false)
class ResilienceConfiguration {

	/** Not reported as the gateway's errors (platform's error reporting). */
	@Bean
	ExpectedErrors upstreamFailures() {
		return UpstreamFailureHandler::answers;
	}

	@Bean
	UpstreamFailureHandler upstreamFailureHandler(CircuitBreakerRegistry breakers) {
		return new UpstreamFailureHandler(breakers);
	}

	@Bean
	RouteBreakersHealthIndicator routeBreakersHealthIndicator(CircuitBreakerRegistry breakers) {
		return new RouteBreakersHealthIndicator(breakers);
	}

}
