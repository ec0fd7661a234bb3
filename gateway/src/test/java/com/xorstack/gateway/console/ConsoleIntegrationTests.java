package com.xorstack.gateway.console;

import java.net.HttpCookie;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.http.server.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.util.UriComponentsBuilder;

import com.xorstack.gateway.StandInServer;
import com.xorstack.gateway.StandInServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's backend-for-frontend against the real Keycloak: sign-in by authorization
 * code with PKCE, the session in an HttpOnly cookie, roles from the access token, the
 * token relayed to the API and never handed to the page, CSRF on changes.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleIntegrationTests {

	/** Answers what reached it: the path, the Authorization and Cookie headers. */
	@RegisterExtension
	static final StandInServer downstream = StandInServer
		.of(HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
			String authorization = request.requestHeaders().get("Authorization", "");
			String cookie = request.requestHeaders().get("Cookie", "");
			String body = JsonMapper.builder()
				.build()
				.writeValueAsString(java.util.Map.of("path", request.fullPath(), "method", request.method().name(),
						"authorization", authorization, "cookie", cookie));
			return response.header("Content-Type", "application/json").sendString(Mono.just(body));
		}).bindNow());

	private static final JsonMapper json = JsonMapper.builder().build();

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		StandInServices.register(registry, downstream.port());
		registry.add("xorstack.gateway.console.trace-ui-url", () -> TRACE_UI_URL);
		registry.add("xorstack.gateway.browser-sentry.dsn", () -> BROWSER_DSN);
		registry.add("xorstack.gateway.browser-sentry.environment", () -> "staging-test");
	}

	private static final String BROWSER_DSN = "https://0123456789abcdef@o7.ingest.sentry.example:8443/42";

	private static final String TRACE_UI_URL = "http://127.0.0.1:9411/zipkin/traces/{traceId}";

	@Test
	void anAdminSignsInWithPkceAndTheTokenIsRelayedNeverShown() throws Exception {
		ConsoleSignIn browser = new ConsoleSignIn(gateway());
		HttpResponse<String> page = browser.signIn("demo-admin");

		URI authorize = browser.redirects.stream()
			.filter((uri) -> uri.getPath().endsWith("/protocol/openid-connect/auth"))
			.findFirst()
			.orElseThrow();
		assertThat(authorize.getQuery()).contains("code_challenge=", "code_challenge_method=S256",
				"client_id=xorstack-console", "response_type=code");
		assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
		assertThat(page.uri().getPath()).isEqualTo("/admin/");
		assertThat(page.body()).contains("console.js");
		assertThat(browser.cookie("XORSTACK_SESSION")).isPresent();
		assertThat(browser.cookie("XORSTACK_SESSION").get().isHttpOnly()).isTrue();
		assertThat(browser.setCookies).anySatisfy((header) -> assertThat(header).startsWith("XORSTACK_SESSION=")
			.containsIgnoringCase("HttpOnly")
			.containsIgnoringCase("SameSite=Lax"));

		HttpResponse<String> session = browser.get("/bff/session");
		assertThat(session.statusCode()).isEqualTo(200);
		JsonNode who = json.readTree(session.body());
		assertThat(who.path("username").asString()).isEqualTo("demo-admin");
		assertThat(who.path("roles").toString()).contains("admin");
		assertThat(session.body()).doesNotContain("eyJ");
		// the page links trace ids to the deployment's trace UI
		assertThat(who.path("traceUiUrl").asString()).isEqualTo(TRACE_UI_URL);
		// and reports its errors to the browser Sentry project, whose origin alone its
		// policy adds
		assertThat(who.path("sentry").path("dsn").asString()).isEqualTo(BROWSER_DSN);
		assertThat(who.path("sentry").path("environment").asString()).isEqualTo("staging-test");
		assertThat(who.path("sentry").path("release").asString()).startsWith("xorstack@").doesNotContain("@project");
		assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
			.contains("connect-src 'self' https://o7.ingest.sentry.example:8443;");
		assertThat(session.headers().firstValue("Content-Security-Policy").orElseThrow())
			.isEqualTo("default-src 'none'; frame-ancestors 'none'");
		HttpResponse<String> sdk = browser.get("/vendor/sentry-browser.js");
		assertThat(sdk.statusCode()).isEqualTo(200);
		assertThat(sdk.headers().firstValue("Content-Type").orElseThrow()).contains("javascript");
		assertThat(sdk.body()).contains("XorstackSentry");

		HttpResponse<String> relayed = browser.get("/bff/api/me");
		assertThat(relayed.statusCode()).isEqualTo(200);
		JsonNode seen = json.readTree(relayed.body());
		assertThat(seen.path("path").asString()).isEqualTo("/api/me");
		assertThat(seen.path("authorization").asString()).startsWith("Bearer eyJ");
		assertThat(seen.path("cookie").asString()).as("the session cookie stays at the gateway").isEmpty();
	}

	@Test
	void changesNeedTheCsrfToken() throws Exception {
		ConsoleSignIn browser = new ConsoleSignIn(gateway());
		browser.signIn("demo-moderator");
		String body = "{\"status\":\"reviewed\"}";

		HttpResponse<String> withoutToken = browser.send(browser.request("/bff/api/admin/feedback/x")
			.header("Content-Type", "application/json")
			.method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
		assertThat(withoutToken.statusCode()).isEqualTo(403);

		String csrf = browser.csrfToken();
		HttpResponse<String> withToken = browser.send(browser.request("/bff/api/admin/feedback/x")
			.header("Content-Type", "application/json")
			.header("X-XSRF-TOKEN", csrf)
			.header("If-Match", "\"1\"")
			.method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
		assertThat(withToken.statusCode()).isEqualTo(200);
		JsonNode seen = json.readTree(withToken.body());
		assertThat(seen.path("method").asString()).isEqualTo("PATCH");
		assertThat(seen.path("path").asString()).isEqualTo("/api/admin/feedback/x");
	}

	/**
	 * Issue #19: with a double-submit cookie, anyone who can set a cookie for the
	 * console's host (a sibling subdomain, a plain-HTTP response on the way) chooses the
	 * token, then sends it in the header of a forged request. The token is the session's,
	 * so a token of their choosing is refused.
	 */
	@Test
	void aTokenTheCallerChoseIsRefused() throws Exception {
		ConsoleSignIn browser = new ConsoleSignIn(gateway());
		browser.signIn("demo-moderator");
		String chosen = "attacker-chosen-token";
		HttpCookie tossed = new HttpCookie("XSRF-TOKEN", chosen);
		tossed.setPath("/");
		tossed.setVersion(0);
		browser.cookies.getCookieStore()
			.getCookies()
			.stream()
			.filter((cookie) -> cookie.getName().equals("XSRF-TOKEN"))
			.toList()
			.forEach((cookie) -> browser.cookies.getCookieStore().remove(null, cookie));
		browser.cookies.getCookieStore().add(URI.create(gateway()), tossed);

		assertThat(triage(browser, chosen).statusCode()).isEqualTo(403);

		// nor is another session's token, though it is a real one
		ConsoleSignIn other = new ConsoleSignIn(gateway());
		other.signIn("demo-moderator");
		assertThat(triage(browser, other.csrfToken()).statusCode()).isEqualTo(403);
		assertThat(triage(browser, browser.csrfToken()).statusCode()).isEqualTo(200);
	}

	private static HttpResponse<String> triage(ConsoleSignIn browser, String csrfToken) throws Exception {
		return browser.send(browser.request("/bff/api/admin/feedback/x")
			.header("Content-Type", "application/json")
			.header("X-XSRF-TOKEN", csrfToken)
			.header("If-Match", "\"1\"")
			.method("PATCH", HttpRequest.BodyPublishers.ofString("{\"status\":\"reviewed\"}")));
	}

	@Test
	void aModeratorMayOpenTheConsoleButTheApiStillAppliesTheRoleTable() throws Exception {
		ConsoleSignIn browser = new ConsoleSignIn(gateway());
		HttpResponse<String> page = browser.signIn("demo-moderator");
		assertThat(page.uri().getPath()).isEqualTo("/admin/");
		assertThat(page.statusCode()).isEqualTo(200);

		assertThat(browser.get("/bff/api/admin/feedback").statusCode()).isEqualTo(200);
		HttpResponse<String> audit = browser.get("/bff/api/admin/audit");
		assertThat(audit.statusCode()).isEqualTo(403);
		assertThat(audit.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
	}

	@Test
	void someoneWithoutAConsoleRoleIsRefused() throws Exception {
		ConsoleSignIn browser = new ConsoleSignIn(gateway());
		HttpResponse<String> page = browser.signIn("demo-user");
		assertThat(page.uri().getPath()).isEqualTo("/admin/denied.html");
		assertThat(page.body()).contains("Not for this account");
		assertThat(browser.get("/admin/console.js").statusCode()).isEqualTo(303);
	}

	@Test
	void withoutASessionTheApiHopAnswers401AndThePageRedirectsToSignIn() throws Exception {
		ConsoleSignIn browser = new ConsoleSignIn(gateway());
		HttpResponse<String> api = browser.get("/bff/api/me");
		assertThat(api.statusCode()).isEqualTo(401);
		assertThat(api.headers().firstValue("Content-Type"))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		HttpResponse<String> page = browser.get("/admin/");
		assertThat(page.statusCode()).isEqualTo(302);
		assertThat(page.headers().firstValue("Location")).hasValue("/oauth2/authorization/keycloak");
	}

	@Test
	void signInRedirectUriComesFromTheConfiguredPublicUrlNotTheHostHeader() {
		HttpClientResponse started = reactor.netty.http.client.HttpClient.create()
			.headers((headers) -> headers.set("Host", "attacker.example:4444"))
			.get()
			.uri(gateway() + "/oauth2/authorization/keycloak")
			.response()
			.block(Duration.ofSeconds(30));
		assertThat(started).isNotNull();
		assertThat(started.status().code()).isEqualTo(302);
		URI authorize = URI.create(started.responseHeaders().get("Location"));
		String redirectUri = UriComponentsBuilder.fromUri(authorize).build().getQueryParams().getFirst("redirect_uri");
		assertThat(URLDecoder.decode(redirectUri, StandardCharsets.UTF_8))
			.isEqualTo(gateway() + "/login/oauth2/code/keycloak");
	}

	private String gateway() {
		return "http://127.0.0.1:" + this.port;
	}

}
