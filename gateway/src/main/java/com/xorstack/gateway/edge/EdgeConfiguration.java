package com.xorstack.gateway.edge;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.cors.reactive.CorsConfigurationSource;
import org.springframework.web.cors.reactive.UrlBasedCorsConfigurationSource;

import com.xorstack.gateway.console.BrowserSentryProperties;

/**
 * The edge filters, the connections' time limits, and the CORS rules that Spring Security
 * applies ({@code SecurityConfiguration}), so a preflight is answered before any token is
 * asked for.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ EdgeProperties.class, BrowserSentryProperties.class })
class EdgeConfiguration {

	@Bean
	RequestSizeWebFilter requestSizeWebFilter(EdgeProperties properties) {
		return new RequestSizeWebFilter(properties.maxRequestBody().toBytes());
	}

	/**
	 * Time limits on the client's side of each connection: without them Reactor Netty
	 * keeps a connection that sends nothing forever, and a few thousand of those (or of
	 * bodies declared and never sent) would hold the gateway's connections.
	 */
	@Bean
	NettyServerCustomizer connectionTimeouts(EdgeProperties properties) {
		return (server) -> server.idleTimeout(properties.idleTimeout()).readTimeout(properties.readTimeout());
	}

	@Bean
	SecurityHeadersWebFilter securityHeadersWebFilter(BrowserSentryProperties sentry) {
		return new SecurityHeadersWebFilter(sentry.origin());
	}

	@Bean
	TraceIdWebFilter traceIdWebFilter() {
		return new TraceIdWebFilter();
	}

	@Bean
	CorsConfigurationSource corsConfigurationSource(EdgeProperties properties) {
		CorsConfiguration cors = new CorsConfiguration();
		cors.setAllowedOrigins(properties.corsAllowedOrigins());
		cors.setAllowedMethods(List.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"));
		cors.setAllowedHeaders(List.of("Authorization", "Content-Type", "If-Match", "If-None-Match", "traceparent"));
		cors.setExposedHeaders(List.of("ETag", "Location", "Retry-After", "X-RateLimit-Limit", "X-RateLimit-Remaining",
				"X-RateLimit-Replenish-Rate", TraceIdWebFilter.HEADER));
		cors.setAllowCredentials(true);
		cors.setMaxAge(Duration.ofHours(1));
		UrlBasedCorsConfigurationSource source = new UrlBasedCorsConfigurationSource();
		source.registerCorsConfiguration("/api/**", cors);
		return source;
	}

}
