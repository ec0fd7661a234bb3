package com.xorstack.auth.keycloak;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.client.WebClient;

@Configuration(proxyBeanMethods = false)
class KeycloakConfiguration {

	/** The one place for the breakers' defaults; each is created by operation name. */
	@Bean
	CircuitBreakerRegistry keycloakCircuitBreakers(KeycloakProperties properties, MeterRegistry meters) {
		CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(KeycloakResilience.breakerDefaults(properties));
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
		return registry;
	}

	@Bean
	KeycloakAdminClient keycloakAdminClient(WebClient.Builder builder, KeycloakProperties properties,
			CircuitBreakerRegistry breakers) {
		WebClient web = builder.build();
		KeycloakResilience resilience = new KeycloakResilience(properties, breakers);
		return new KeycloakAdminClient(web, new KeycloakTokens(web, properties, resilience), resilience, properties);
	}

}
