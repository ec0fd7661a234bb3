package com.xorstack.gateway.console;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.server.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.ServerWebExchange;

/**
 * The console's page and who is signed in to it. The page's scripts and styles are static
 * resources under {@code static/admin}.
 */
@RestController
@Configuration(proxyBeanMethods = false)
class ConsoleController {

	private static final ClassPathResource INDEX = new ClassPathResource("static/admin/index.html");

	private final @Nullable String traceUiUrl;

	private final BrowserSentryProperties sentry;

	ConsoleController(ConsoleProperties properties, BrowserSentryProperties sentry) {
		String url = properties.traceUiUrl();
		this.traceUiUrl = (url != null && url.contains("{traceId}")) ? url : null;
		this.sentry = sentry;
	}

	@Bean
	RouterFunction<ServerResponse> consolePage() {
		return RouterFunctions.route()
			.GET("/admin",
					(request) -> ServerResponse.permanentRedirect(request.uriBuilder().path("/").build()).build())
			.GET("/admin/",
					(request) -> ServerResponse.ok()
						.contentType(MediaType.TEXT_HTML)
						.cacheControl(CacheControl.noStore())
						.bodyValue(INDEX))
			.build();
	}

	/**
	 * The signed-in person as the page needs them: names and roles, never an OAuth2
	 * token; the session's CSRF token (masked) that the page sends with each change; and
	 * where a trace id links to ({@code traceUiUrl}, absent when none is set).
	 */
	@GetMapping("/bff/session")
	Mono<Map<String, Object>> session(@AuthenticationPrincipal OidcUser user, ServerWebExchange exchange) {
		Mono<CsrfToken> csrf = exchange.getAttribute(CsrfToken.class.getName());
		if (csrf == null) {
			return Mono.error(new IllegalStateException("No CSRF token on a console request"));
		}
		return csrf.map((token) -> describe(user, token, this.traceUiUrl)).map(this::withSentry);
	}

	/**
	 * Where the page reports its errors ({@code sentry}), absent when it reports nowhere.
	 */
	private Map<String, Object> withSentry(Map<String, Object> session) {
		if (this.sentry.enabled()) {
			Map<String, @Nullable String> sentry = new LinkedHashMap<>();
			sentry.put("dsn", this.sentry.dsn());
			sentry.put("environment", this.sentry.environment());
			sentry.put("release", this.sentry.releaseOrDefault());
			session.put("sentry", sentry);
		}
		return session;
	}

	private static Map<String, Object> describe(OidcUser user, CsrfToken csrf, @Nullable String traceUiUrl) {
		Map<String, Object> session = new LinkedHashMap<>();
		session.put("id", user.getSubject());
		session.put("username", user.getPreferredUsername());
		session.put("name", user.getFullName());
		session.put("email", user.getEmail());
		session.put("roles", ConsoleSecurityConfiguration.roles(user.getAuthorities()));
		session.put("csrfToken", csrf.getToken());
		if (traceUiUrl != null) {
			session.put("traceUiUrl", traceUiUrl);
		}
		return session;
	}

}
