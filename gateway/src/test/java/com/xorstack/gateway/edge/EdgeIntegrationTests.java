package com.xorstack.gateway.edge;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.BodyInserters;

import com.xorstack.devstack.TestStack;
import com.xorstack.gateway.StandInServer;
import com.xorstack.gateway.StandInServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each hardening item against the real gateway, with a stand-in service that records the
 * paths and headers that reach it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "xorstack.gateway.rate-limit.redis-enabled=false", "management.server.port=0",
				"xorstack.gateway.edge.max-request-body=1KB",
				"xorstack.gateway.edge.cors-allowed-origins=https://app.example.com",
				"server.max-http-request-header-size=8KB",
				"spring.cloud.gateway.server.webflux.trusted-proxies=10\\.9\\.9\\.9" })
@AutoConfigureWebTestClient
class EdgeIntegrationTests {

	static final Queue<String> arrivedPaths = new ConcurrentLinkedQueue<>();

	static final Map<String, String> forwardedFor = new ConcurrentHashMap<>();

	@RegisterExtension
	static final StandInServer downstream = StandInServer
		.of(HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
			arrivedPaths.add(request.uri());
			forwardedFor.put(request.path(), String.valueOf(request.requestHeaders().get("X-Forwarded-For")));
			return request.receive()
				.aggregate()
				.asString()
				.defaultIfEmpty("")
				.flatMap((body) -> response.header("Content-Type", "application/json")
					.header("Cache-Control", "max-age=3600")
					.sendString(Mono.just("{\"length\":" + body.length() + "}"))
					.then());
		}).bindNow());

	@Autowired
	WebTestClient web;

	@Value("${local.server.port}")
	int port;

	@Value("${local.management.port}")
	int managementPort;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		StandInServices.register(registry, downstream.port());
	}

	@Test
	void chunkedBodyOverTheLimitIsRefusedWith413() {
		Flux<DataBuffer> chunks = Flux.range(0, 4)
			.map((i) -> DefaultDataBufferFactory.sharedInstance.wrap(new byte[512]));
		this.web.post()
			.uri("/api/feedback")
			.headers((headers) -> headers.setBearerAuth(token("demo-user")))
			.contentType(MediaType.APPLICATION_JSON)
			.body(BodyInserters.fromDataBuffers(chunks))
			.exchange()
			.expectStatus()
			.isEqualTo(413)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(413);
	}

	@Test
	void declaredBodyOverTheLimitIsRefusedBeforeItIsRead() {
		this.web.post()
			.uri("/api/feedback")
			.headers((headers) -> headers.setBearerAuth(token("demo-user")))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(new byte[2048])
			.exchange()
			.expectStatus()
			.isEqualTo(413);
	}

	@Test
	void chunkedBodyWithinTheLimitPasses() {
		Flux<DataBuffer> chunks = Flux.range(0, 3)
			.map((i) -> DefaultDataBufferFactory.sharedInstance.wrap("{\"a\":1}".getBytes(StandardCharsets.UTF_8)));
		this.web.post()
			.uri("/api/feedback")
			.headers((headers) -> headers.setBearerAuth(token("demo-user")))
			.contentType(MediaType.APPLICATION_JSON)
			.body(BodyInserters.fromDataBuffers(chunks))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.length")
			.isEqualTo(21);
	}

	@Test
	void oversizedHeadersAreRefusedWith431() {
		this.web.get()
			.uri("/api/feedback")
			.header("X-Padding", "x".repeat(10_000))
			.exchange()
			.expectStatus()
			.isEqualTo(431);
	}

	@Test
	void everyAnswerCarriesTheSecurityHeaders() {
		assertSecurityHeaders(this.web.get()
			.uri("/api/feedback")
			.headers((headers) -> headers.setBearerAuth(token("demo-user")))
			.exchange()
			.expectStatus()
			.isOk());
		assertSecurityHeaders(this.web.get().uri("/api/feedback").exchange().expectStatus().isUnauthorized());
	}

	@Test
	void theConsoleRunsUnderAStrictContentSecurityPolicy() {
		for (String path : new String[] { "/admin/", "/admin/console.js", "/admin/denied.html" }) {
			String policy = this.web.get()
				.uri(path)
				.exchange()
				.returnResult(String.class)
				.getResponseHeaders()
				.getFirst("Content-Security-Policy");
			assertThat(policy).as(path)
				.contains("script-src 'self';", "style-src 'self';", "object-src 'none'", "base-uri 'none'",
						"frame-ancestors 'none'")
				.doesNotContain("unsafe-inline", "unsafe-eval");
		}
	}

	/**
	 * Issue #19: Swagger UI and the widget's sample page shared the console's origin with
	 * no script policy: an injection there ran with the console's cookies in reach.
	 */
	@Test
	void theWidgetPageAndSwaggerUiHavePoliciesOfTheirOwn() {
		for (String path : new String[] { "/widget/demo.html", "/widget/demo.js", "/widget/xorstack-feedback.js" }) {
			assertThat(policy(path)).as(path)
				.contains("default-src 'none'", "script-src 'self';", "style-src 'self';", "base-uri 'none'")
				.doesNotContain("unsafe-inline", "unsafe-eval");
		}
		for (String path : new String[] { "/swagger-ui.html", "/webjars/swagger-ui/index.html" }) {
			assertThat(policy(path)).as(path)
				.contains("default-src 'none'", "script-src 'self';", "connect-src 'self'", "frame-ancestors 'none'")
				.doesNotContain("script-src 'self' 'unsafe", "unsafe-eval");
		}
	}

	/**
	 * Issue 22: the public status page loads without a token, under a policy of its own
	 * that allows only its own files and reads.
	 */
	@Test
	void thePublicStatusPageLoadsWithoutATokenUnderAStrictPolicy() {
		for (String path : new String[] { "/status/", "/status/status.js", "/status/status.css" }) {
			this.web.get().uri(path).exchange().expectStatus().isOk();
			assertThat(policy(path)).as(path)
				.contains("default-src 'none'", "script-src 'self';", "style-src 'self';", "connect-src 'self'",
						"frame-ancestors 'none'")
				.doesNotContain("unsafe-inline", "unsafe-eval");
		}
		this.web.get().uri("/status").exchange().expectStatus().isPermanentRedirect();
	}

	private String policy(String path) {
		return this.web.get()
			.uri(path)
			.exchange()
			.returnResult(String.class)
			.getResponseHeaders()
			.getFirst("Content-Security-Policy");
	}

	private static void assertSecurityHeaders(WebTestClient.ResponseSpec response) {
		response.expectHeader()
			.valueEquals("X-Content-Type-Options", "nosniff")
			.expectHeader()
			.valueEquals("X-Frame-Options", "DENY")
			.expectHeader()
			.valueEquals("Referrer-Policy", "no-referrer")
			.expectHeader()
			.valueEquals("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'")
			.expectHeader()
			.valueMatches("Strict-Transport-Security", "max-age=\\d+; includeSubDomains")
			.expectHeader()
			.valueEquals(HttpHeaders.CACHE_CONTROL, "no-store");
	}

	@Test
	void corsPreflightIsAnsweredOnlyForListedOrigins() {
		preflight("https://app.example.com").expectStatus()
			.isOk()
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, "https://app.example.com")
			.expectHeader()
			.valueEquals(HttpHeaders.ACCESS_CONTROL_ALLOW_CREDENTIALS, "true");
		preflight("https://evil.example.com").expectStatus()
			.isForbidden()
			.expectHeader()
			.doesNotExist(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN);
	}

	private WebTestClient.ResponseSpec preflight(String origin) {
		return this.web.options()
			.uri("/api/feedback")
			.header(HttpHeaders.ORIGIN, origin)
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD, "POST")
			.header(HttpHeaders.ACCESS_CONTROL_REQUEST_HEADERS, "Authorization, Content-Type")
			.exchange();
	}

	@Test
	void forgedForwardedForFromAnUntrustedPeerNeverReachesServices() {
		this.web.get()
			.uri("/api/feedback/forwarded")
			.header("X-Forwarded-For", "6.6.6.6")
			.headers((headers) -> headers.setBearerAuth(token("demo-user")))
			.exchange()
			.expectStatus()
			.isOk();
		assertThat(forwardedFor.get("api/feedback/forwarded")).doesNotContain("6.6.6.6");
	}

	@Test
	void pathTricksNeverReachAnAdminRoute() {
		List<String> tricks = List.of("/api/feedback/..;/admin/dashboard/summary",
				"/api/feedback/%2e%2e/admin/dashboard/summary", "/api/feedback/%2E%2E/%2E%2E/api/admin/audit",
				"/api/feedback/..%2fadmin/dashboard/summary", "/api/feedback/..%2Fadmin/users",
				"/api/feedback/x/../../admin/users", "//api/admin/users", "/api//admin/users",
				"/api/feedback;/../admin/users", "/api/%61dmin/users", "/api/admin%2fusers");
		for (String trick : tricks) {
			int status = this.web.get()
				.uri(URI.create("http://127.0.0.1:" + this.port + trick))
				.headers((headers) -> headers.setBearerAuth(token("demo-user")))
				.exchange()
				.returnResult(String.class)
				.getStatus()
				.value();
			assertThat(status).as(trick).isIn(400, 403, 404);
		}
		assertThat(arrivedPaths)
			.noneMatch((path) -> path.toLowerCase().contains("admin") || path.toLowerCase().contains("%61dmin"));
	}

	@Test
	void onlyHealthAndPrometheusAnswerAndOnlyOnTheManagementPort() {
		WebTestClient management = WebTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.managementPort)
			.build();
		management.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
		this.web.get()
			.uri("/api/feedback")
			.headers((headers) -> headers.setBearerAuth(token("demo-user")))
			.exchange()
			.expectStatus()
			.isOk();
		// breaker states of the routes, as metrics
		assertThat(management.get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody()).contains("resilience4j_circuitbreaker_state").contains("name=\"feedback\"");
		management.get()
			.uri("/actuator/health")
			.exchange()
			.expectBody()
			.jsonPath("$.components.routeBreakers.details.feedback.state")
			.isEqualTo("CLOSED");
		management.get()
			.uri("/actuator/gateway/routes")
			.exchange()
			.expectStatus()
			.value((status) -> assertThat(status).isIn(401, 403, 404));
		management.get()
			.uri("/actuator/env")
			.exchange()
			.expectStatus()
			.value((status) -> assertThat(status).isIn(401, 403, 404));
		this.web.get().uri("/actuator/health").exchange().expectStatus().isNotFound();
		this.web.get()
			.uri("/actuator/gateway/routes")
			.headers((headers) -> headers.setBearerAuth(token("demo-admin")))
			.exchange()
			.expectStatus()
			.value((status) -> assertThat(status).isIn(403, 404));
	}

	private static String token(String user) {
		return TestStack.get().passwordToken(user);
	}

}
