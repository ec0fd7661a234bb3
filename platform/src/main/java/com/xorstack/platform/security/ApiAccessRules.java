package com.xorstack.platform.security;

import org.springframework.http.HttpMethod;
import org.springframework.security.config.web.server.ServerHttpSecurity.AuthorizeExchangeSpec;

import static com.xorstack.platform.security.Roles.ADMIN;
import static com.xorstack.platform.security.Roles.INGEST;
import static com.xorstack.platform.security.Roles.MODERATOR;
import static com.xorstack.platform.security.Roles.USER;

/**
 * The role table of DESIGN.md §3, in one place. The gateway applies it to every request
 * and each service applies it again, so a request that skips the gateway gets nothing
 * more. Anything not listed is denied.
 */
public final class ApiAccessRules {

	private ApiAccessRules() {
	}

	public static void apply(AuthorizeExchangeSpec exchanges) {
		// actuator lives on the management port, which only the cluster reaches
		exchanges.pathMatchers(HttpMethod.GET, "/actuator/health", "/actuator/health/**", "/actuator/prometheus")
			.permitAll()
			// the API's description and the event schemas are public, like the API's
			// existence; they grant nothing
			.pathMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/openapi/*", "/swagger-ui.html",
					"/swagger-ui/**", "/webjars/swagger-ui/**", "/widget/*", "/vendor/*", "/schemas", "/schemas/*")
			.permitAll()
			// the public status page and its data (metrics-service answers 404 unless
			// xorstack.uptime.public-status is on); no identifiers in either
			.pathMatchers(HttpMethod.GET, "/status", "/status/", "/status/*", "/api/status")
			.permitAll()
			.pathMatchers(HttpMethod.GET, "/api/me")
			.authenticated()
			.pathMatchers(HttpMethod.POST, "/api/ai-logs", "/api/usage-events", "/api/system-metrics", "/v1/traces")
			.hasRole(INGEST)
			.pathMatchers("/api/admin/feedback", "/api/admin/feedback/**")
			.hasAnyRole(MODERATOR, ADMIN)
			// the Errors view: exception classes and routes, nothing personal
			.pathMatchers(HttpMethod.GET, "/api/admin/errors")
			.hasAnyRole(MODERATOR, ADMIN)
			// uptime checks reach out to admin-given addresses: admins only, named here
			// so a
			// broadening of the rule below cannot widen them silently
			.pathMatchers("/api/admin/uptime-checks", "/api/admin/uptime-checks/**", "/api/admin/uptime",
					"/api/admin/uptime/**")
			.hasRole(ADMIN)
			.pathMatchers("/api/admin/**")
			.hasRole(ADMIN)
			.pathMatchers("/api/feedback", "/api/feedback/**")
			.hasAnyRole(USER, MODERATOR, ADMIN)
			.anyExchange()
			.denyAll();
	}

}
