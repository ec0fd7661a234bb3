package com.xorstack.gateway.resilience;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServer;
import reactor.test.StepVerifier;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.FluxExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.xorstack.devstack.TestStack;
import com.xorstack.gateway.StandInServer;
import com.xorstack.gateway.StandInServices;

/**
 * The dashboard stream has a route of its own: a stream whose first event comes later
 * than the time limit of ordinary requests (1 s here) still arrives, event by event, and
 * lasts longer than that limit; the same slow answer on an ordinary metrics path is cut.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "xorstack.gateway.rate-limit.redis-enabled=false", "management.server.port=0",
				"resilience4j.timelimiter.configs.default.timeout-duration=1s" })
@AutoConfigureWebTestClient(timeout = "20s")
class DashboardStreamRouteIntegrationTests {

	@RegisterExtension
	static final StandInServer metrics = StandInServer.of(HttpServer.create()
		.host("127.0.0.1")
		.port(0)
		// Headers and the first event only after 1.5 s, as from a service slow to answer.
		.handle((request, response) -> Mono.delay(Duration.ofMillis(1500))
			.then(response.header("Content-Type", "text/event-stream")
				.sendString(Flux.interval(Duration.ZERO, Duration.ofMillis(300))
					.take(5)
					.map((tick) -> "event:summary\ndata:{\"tick\":" + tick + "}\n\n"))
				.then()))
		.bindNow());

	@Autowired
	WebTestClient web;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		StandInServices.register(registry, metrics.port());
	}

	@Test
	void dashboardStreamOutlivesTheRouteTimeLimit() {
		StepVerifier.create(stream("/api/admin/dashboard/stream"))
			.expectNextCount(5)
			.expectComplete()
			.verify(Duration.ofSeconds(15));
	}

	@Test
	void anOrdinaryRouteStillCutsASlowAnswer() {
		this.web.get()
			.uri("/api/admin/dashboard/summary")
			.accept(MediaType.TEXT_EVENT_STREAM)
			.headers((headers) -> headers.setBearerAuth(TestStack.get().passwordToken("demo-admin")))
			.exchange()
			.expectStatus()
			.isEqualTo(504);
	}

	private Flux<ServerSentEvent<String>> stream(String path) {
		FluxExchangeResult<ServerSentEvent<String>> result = this.web.get()
			.uri(path)
			.accept(MediaType.TEXT_EVENT_STREAM)
			.headers((headers) -> headers.setBearerAuth(TestStack.get().passwordToken("demo-admin")))
			.exchange()
			.returnResult(new ParameterizedTypeReference<>() {
			});
		return result.getResponseBody().filter((event) -> "summary".equals(event.event()));
	}

}
