package com.xorstack.gateway.resilience;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.xorstack.devstack.TestStack;
import com.xorstack.gateway.StandInServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Each route has its own breaker, so each case uses its own route: auth points at a port
 * nobody listens on, feedback at a server too slow for its time limit, metrics at one
 * that fails until told to recover, ailog at one that always drops the connection.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "xorstack.gateway.rate-limit.redis-enabled=false", "management.server.port=0",
				"resilience4j.timelimiter.instances.feedback.timeout-duration=500ms",
				"resilience4j.circuitbreaker.instances.metrics.sliding-window-size=4",
				"resilience4j.circuitbreaker.instances.metrics.minimum-number-of-calls=4",
				"resilience4j.circuitbreaker.instances.metrics.wait-duration-in-open-state=2s",
				"resilience4j.circuitbreaker.instances.metrics.permitted-number-of-calls-in-half-open-state=1" })
@AutoConfigureWebTestClient(timeout = "20s")
class ResilienceIntegrationTests {

	static final AtomicBoolean metricsFailing = new AtomicBoolean(true);

	static final AtomicInteger metricsArrived = new AtomicInteger();

	static final AtomicInteger ailogArrived = new AtomicInteger();

	static final AtomicInteger unavailableArrived = new AtomicInteger();

	@RegisterExtension
	static final StandInServer slow = StandInServer
		.of(HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
			if (request.path().endsWith("unavailable")) {
				unavailableArrived.incrementAndGet();
				return response.status(503).header("Retry-After", "7").sendString(Mono.just("{}")).then();
			}
			return Mono.delay(Duration.ofSeconds(5)).then(ok(response));
		}).bindNow());

	@RegisterExtension
	static final StandInServer metrics = StandInServer
		.of(HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
			metricsArrived.incrementAndGet();
			return metricsFailing.get() ? hangUp(request) : ok(response);
		}).bindNow());

	@RegisterExtension
	static final StandInServer ailog = StandInServer
		.of(HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
			ailogArrived.incrementAndGet();
			return hangUp(request);
		}).bindNow());

	@Autowired
	WebTestClient web;

	@Autowired
	CircuitBreakerRegistry breakers;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) throws IOException {
		TestStack.get().springProperties().forEach((name, value) -> registry.add(name, () -> value));
		int nobody;
		try (ServerSocket socket = new ServerSocket(0)) {
			nobody = socket.getLocalPort();
		}
		registry.add("AUTH_SERVICE_URI", () -> "http://127.0.0.1:" + nobody);
		registry.add("FEEDBACK_SERVICE_URI", () -> "http://127.0.0.1:" + slow.port());
		registry.add("METRICS_SERVICE_URI", () -> "http://127.0.0.1:" + metrics.port());
		registry.add("AILOG_SERVICE_URI", () -> "http://127.0.0.1:" + ailog.port());
	}

	@Test
	void serviceThatIsDownAnswers503Problem() {
		get("/api/me", "demo-user").expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.contentType(MediaType.APPLICATION_PROBLEM_JSON)
			.expectHeader()
			.exists("Retry-After")
			.expectBody()
			.jsonPath("$.type")
			.isEqualTo("about:blank")
			.jsonPath("$.title")
			.isEqualTo("Service Unavailable")
			.jsonPath("$.status")
			.isEqualTo(503);
	}

	@Test
	void slowServiceAnswers504ProblemWithinItsTimeLimit() {
		long started = System.nanoTime();
		get("/api/feedback", "demo-user").expectStatus()
			.isEqualTo(504)
			.expectHeader()
			.exists("Retry-After")
			.expectBody()
			.jsonPath("$.title")
			.isEqualTo("Gateway Timeout")
			.jsonPath("$.status")
			.isEqualTo(504);
		// The limit is 500 ms and the service takes 5 s; timeouts are not retried.
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
	}

	@Test
	void retriesOfAnIdempotentReadAreBounded() {
		int before = ailogArrived.get();
		get("/api/admin/ai-logs", "demo-admin").expectStatus()
			.isEqualTo(502)
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(502);
		// the first try and two retries
		assertThat(ailogArrived.get() - before).isEqualTo(3);
	}

	@Test
	void aServicesOwn503IsPassedOnNotRetried() {
		get("/api/feedback/unavailable", "demo-user").expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals("Retry-After", "7");
		assertThat(unavailableArrived).hasValue(1);
	}

	@Test
	void aPostIsNeverRetried() {
		int before = ailogArrived.get();
		this.web.post()
			.uri("/api/ai-logs")
			.headers((headers) -> headers
				.setBearerAuth(TestStack.get().clientCredentialsToken("edge-functions", "edge-functions-secret")))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue("{}")
			.exchange()
			.expectStatus()
			.isEqualTo(502);
		assertThat(ailogArrived.get() - before).isEqualTo(1);
	}

	@Test
	void failingServiceOpensTheBreakerWhichAnswersFastThenClosesWhenItRecovers() {
		CircuitBreaker breaker = this.breakers.circuitBreaker("metrics");
		get("/api/admin/metrics/timeseries", "demo-admin").expectStatus().isEqualTo(502);
		// The fourth failed call opens the breaker in the middle of the second request's
		// retries, and the retry stops there rather than knocking on an open circuit.
		get("/api/admin/metrics/timeseries", "demo-admin").expectStatus().isEqualTo(503);
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
		assertThat(metricsArrived).hasValue(4);

		int arrivedBefore = metricsArrived.get();
		long started = System.nanoTime();
		get("/api/admin/metrics/timeseries", "demo-admin").expectStatus()
			.isEqualTo(503)
			.expectHeader()
			.valueEquals("Retry-After", "2")
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo(503);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(1));
		assertThat(metricsArrived).hasValue(arrivedBefore);

		metricsFailing.set(false);
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(250))
			.untilAsserted(() -> get("/api/admin/metrics/timeseries", "demo-admin").expectStatus().isOk());
		assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);
	}

	private WebTestClient.ResponseSpec get(String path, String user) {
		return this.web.get()
			.uri(path)
			.headers((headers) -> headers.setBearerAuth(TestStack.get().passwordToken(user)))
			.exchange();
	}

	private static Mono<Void> ok(HttpServerResponse response) {
		return response.header("Content-Type", "application/json").sendString(Mono.just("{}")).then();
	}

	/** Drops the connection without an answer, as a crashing service would. */
	private static Mono<Void> hangUp(HttpServerRequest request) {
		request.withConnection((connection) -> connection.channel().close());
		return Mono.never();
	}

}
