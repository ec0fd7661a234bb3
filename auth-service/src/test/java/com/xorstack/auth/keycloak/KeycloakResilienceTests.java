package com.xorstack.auth.keycloak;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Retry(CircuitBreaker(TimeLimiter(call))): what is retried, what is not, and what an
 * open breaker answers.
 */
class KeycloakResilienceTests {

	final KeycloakProperties properties = new KeycloakProperties(URI.create("http://127.0.0.1:1"), "xorstack",
			"auth-service", "secret", Duration.ofMillis(200), 3, Duration.ofMillis(10), Duration.ofSeconds(30));

	final CircuitBreakerRegistry breakers = CircuitBreakerRegistry
		.of(KeycloakResilience.breakerDefaults(this.properties));

	final KeycloakResilience resilience = new KeycloakResilience(this.properties, this.breakers);

	@Test
	void serverErrorsAreRetriedThenAnswerUnavailableWithRetryAfter() {
		AtomicInteger attempts = new AtomicInteger();
		Mono<String> call = Mono.defer(() -> {
			attempts.incrementAndGet();
			return Mono.error(WebClientResponseException.create(HttpStatus.BAD_GATEWAY.value(), "down",
					HttpHeaders.EMPTY, new byte[0], null));
		});
		StepVerifier.create(this.resilience.idempotent("op-5xx", call))
			.expectErrorSatisfies(
					(ex) -> assertThat(ex).isInstanceOf(KeycloakUnavailableException.class)
						.satisfies((unavailable) -> assertThat(((KeycloakUnavailableException) unavailable).getHeaders()
							.getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("30")))
			.verify();
		assertThat(attempts).hasValue(3);
	}

	@Test
	void aSlowCallIsCutByTheTimeLimitAndRetried() {
		AtomicInteger attempts = new AtomicInteger();
		Mono<String> call = Mono.defer(() -> {
			attempts.incrementAndGet();
			return Mono.never();
		});
		StepVerifier.create(this.resilience.idempotent("op-slow", call))
			.expectError(KeycloakUnavailableException.class)
			.verify(Duration.ofSeconds(5));
		assertThat(attempts).hasValue(3);
	}

	@Test
	void clientErrorsAreNeitherRetriedNorCounted() {
		AtomicInteger attempts = new AtomicInteger();
		Mono<String> call = Mono.defer(() -> {
			attempts.incrementAndGet();
			return Mono.error(WebClientResponseException.create(HttpStatus.BAD_REQUEST.value(), "bad",
					HttpHeaders.EMPTY, new byte[0], null));
		});
		for (int i = 0; i < 10; i++) {
			StepVerifier.create(this.resilience.idempotent("op-4xx", call))
				.expectError(WebClientResponseException.BadRequest.class)
				.verify();
		}
		assertThat(attempts).hasValue(10);
		assertThat(this.breakers.circuitBreaker("op-4xx").getMetrics().getNumberOfFailedCalls()).isZero();
	}

	@Test
	void anOpenBreakerAnswersAtOnceWithoutCallingOrRetrying() {
		this.breakers.circuitBreaker("op-open").transitionToOpenState();
		AtomicInteger attempts = new AtomicInteger();
		Mono<String> call = Mono.fromCallable(() -> {
			attempts.incrementAndGet();
			return "ok";
		});
		StepVerifier.create(this.resilience.idempotent("op-open", call))
			.expectError(KeycloakUnavailableException.class)
			.verify();
		assertThat(attempts).hasValue(0);
		assertThat(this.breakers.circuitBreaker("op-open").getMetrics().getNumberOfNotPermittedCalls()).isOne();
	}

}
