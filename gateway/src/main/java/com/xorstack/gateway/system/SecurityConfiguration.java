package com.xorstack.gateway.system;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatchers;

import com.xorstack.gateway.ratelimit.AnonymousRateLimitWebFilter;
import com.xorstack.platform.security.ResourceServerSecurity;

@Configuration(proxyBeanMethods = false)
@EnableWebFluxSecurity
class SecurityConfiguration {

	/**
	 * Health and Prometheus answer on the management port only
	 * ({@code management.server.port}), which is not exposed outside; the main port has
	 * no actuator, so these paths find nothing there.
	 */
	@Bean
	@Order(0)
	SecurityWebFilterChain managementSecurityWebFilterChain(ServerHttpSecurity http) {
		return http
			.securityMatcher(ServerWebExchangeMatchers.pathMatchers(HttpMethod.GET, "/actuator/health",
					"/actuator/health/**", "/actuator/prometheus"))
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.build();
	}

	/** After the console's chain ({@code ConsoleSecurityConfiguration}, order 1). */
	@Bean
	@Order(2)
	SecurityWebFilterChain securityWebFilterChain(ServerHttpSecurity http, AnonymousRateLimitWebFilter anonymous) {
		return ResourceServerSecurity.configure(http)
			.cors(Customizer.withDefaults())
			// a refused token counts against the caller's address, as anonymous calls do
			.oauth2ResourceServer((server) -> server
				.authenticationEntryPoint(anonymous.refusedToken(ResourceServerSecurity::unauthorized)))
			.build();
	}

}
