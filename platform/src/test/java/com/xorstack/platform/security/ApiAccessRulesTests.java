package com.xorstack.platform.security;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.server.WebFilterChainProxy;
import org.springframework.security.web.server.context.ServerSecurityContextRepository;
import org.springframework.web.server.ServerWebExchange;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The role table on its own, without a server: who gets past it for which path. The
 * services' access integration tests check the same rules with real tokens.
 */
class ApiAccessRulesTests {

	@Test
	void healthTheApiDescriptionAndTheStatusPageArePublic() {
		assertThat(status(HttpMethod.GET, "/actuator/health")).isEqualTo(HttpStatus.OK);
		assertThat(status(HttpMethod.GET, "/v3/api-docs")).isEqualTo(HttpStatus.OK);
		assertThat(status(HttpMethod.GET, "/api/status")).isEqualTo(HttpStatus.OK);
	}

	@Test
	void anythingUnlistedIsDeniedEvenToAnAdmin() {
		assertThat(status(HttpMethod.GET, "/api/unlisted", Roles.ADMIN)).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(status(HttpMethod.GET, "/actuator/env", Roles.ADMIN)).isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void ingestIsForTheIngestRoleAlone() {
		assertThat(status(HttpMethod.POST, "/api/ai-logs", Roles.INGEST)).isEqualTo(HttpStatus.OK);
		assertThat(status(HttpMethod.POST, "/api/ai-logs", Roles.ADMIN)).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(status(HttpMethod.POST, "/api/ai-logs")).isEqualTo(HttpStatus.UNAUTHORIZED);
	}

	@Test
	void moderatorsTriageFeedbackButUptimeChecksAreForAdmins() {
		assertThat(status(HttpMethod.GET, "/api/admin/feedback", Roles.MODERATOR)).isEqualTo(HttpStatus.OK);
		assertThat(status(HttpMethod.GET, "/api/admin/feedback", Roles.USER)).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(status(HttpMethod.GET, "/api/admin/uptime-checks", Roles.MODERATOR)).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(status(HttpMethod.GET, "/api/admin/uptime-checks", Roles.ADMIN)).isEqualTo(HttpStatus.OK);
		assertThat(status(HttpMethod.GET, "/api/admin/metrics", Roles.MODERATOR)).isEqualTo(HttpStatus.FORBIDDEN);
	}

	@Test
	void ownFeedbackNeedsASignedInPersonWithARole() {
		assertThat(status(HttpMethod.GET, "/api/feedback", Roles.USER)).isEqualTo(HttpStatus.OK);
		assertThat(status(HttpMethod.GET, "/api/feedback", Roles.INGEST)).isEqualTo(HttpStatus.FORBIDDEN);
		assertThat(status(HttpMethod.GET, "/api/feedback")).isEqualTo(HttpStatus.UNAUTHORIZED);
		assertThat(status(HttpMethod.GET, "/api/me", Roles.INGEST)).isEqualTo(HttpStatus.OK);
	}

	/**
	 * What the rules answer a request by someone with {@code roles} (none: anonymous).
	 */
	private static HttpStatusCode status(HttpMethod method, String path, String... roles) {
		ServerHttpSecurity http = ServerHttpSecurity.http();
		http.csrf(ServerHttpSecurity.CsrfSpec::disable);
		http.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable);
		http.securityContextRepository(new SignedIn(roles));
		http.authorizeExchange(ApiAccessRules::apply);
		MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.method(method, path));
		new WebFilterChainProxy(http.build()).filter(exchange, (passed) -> {
			passed.getResponse().setStatusCode(HttpStatus.OK);
			return Mono.empty();
		}).block();
		return exchange.getResponse().getStatusCode();
	}

	private record SignedIn(String[] roles) implements ServerSecurityContextRepository {

		@Override
		public Mono<Void> save(ServerWebExchange exchange, SecurityContext context) {
			return Mono.empty();
		}

		@Override
		public Mono<SecurityContext> load(ServerWebExchange exchange) {
			if (this.roles.length == 0) {
				return Mono.empty();
			}
			String[] authorities = Arrays.stream(this.roles).map((role) -> "ROLE_" + role).toArray(String[]::new);
			return Mono.just(new SecurityContextImpl(new TestingAuthenticationToken("someone", "n/a", authorities)));
		}

	}

}
