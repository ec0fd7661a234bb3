package com.xorstack.gateway.resilience;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.reactive.function.client.WebClient;

import com.xorstack.devstack.TestStack;
import com.xorstack.gateway.StandInServer;
import com.xorstack.gateway.StandInServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A burst of concurrent requests on one route, each held 300 ms by the service, all pass:
 * the route's resilience (retry, circuit breaker, time limiter) does not cap how many
 * calls a route may have in flight. (Spring Cloud CircuitBreaker would otherwise put a
 * Resilience4j bulkhead of 25 concurrent calls in front of every route, refusing the rest
 * at once.)
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "xorstack.gateway.rate-limit.redis-enabled=false", "management.server.port=0",
				"xorstack.gateway.rate-limit.burst-capacity=1000",
				// the subject is the concurrency cap, not the time limit: a loaded CI
				// machine may be slow
				"resilience4j.timelimiter.configs.default.timeout-duration=60s" })
class ConcurrentRequestsIntegrationTests {

	private static final int BURST = 120;

	static final AtomicInteger inFlight = new AtomicInteger();

	static final AtomicInteger mostInFlight = new AtomicInteger();

	@RegisterExtension
	static final StandInServer patient = StandInServer.of(HttpServer.create()
		.host("127.0.0.1")
		.port(0)
		.handle((request, response) -> Mono
			.fromRunnable(() -> mostInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max))
			// each answer waits until more than a default bulkhead's 25 are in flight (at
			// most 20 s): how many overlap depends on the gateway alone, not on how fast
			// a
			// loaded machine sends them
			.then(Flux.interval(Duration.ofMillis(10))
				.filter((tick) -> mostInFlight.get() > 25)
				.next()
				.timeout(Duration.ofSeconds(20), Mono.just(0L)))
			.then(response.header("Content-Type", "application/json").sendString(Mono.just("{}")).then())
			.doFinally((signal) -> inFlight.decrementAndGet()))
		.bindNow());

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		StandInServices.register(registry, patient.port());
	}

	@Test
	void aBurstOfConcurrentReadsOnOneRouteIsAllAnswered() {
		String token = TestStack.get().passwordToken("demo-user");
		WebClient client = WebClient.builder()
			.baseUrl("http://127.0.0.1:" + this.port)
			.clientConnector(new ReactorClientHttpConnector(
					HttpClient.create(ConnectionProvider.builder("burst").maxConnections(BURST).build())))
			.build();
		// one request first, so that the burst finds the route and the token already
		// known
		assertThat(client.get()
			.uri("/api/me")
			.headers((headers) -> headers.setBearerAuth(token))
			.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value()))
			.block(Duration.ofSeconds(60))).isEqualTo(200);
		List<Integer> statuses = Flux.range(0, BURST)
			.flatMap(
					(i) -> client.get()
						.uri("/api/me")
						.headers((headers) -> headers.setBearerAuth(token))
						.exchangeToMono((response) -> response.releaseBody().thenReturn(response.statusCode().value())),
					BURST)
			.collectList()
			.block(Duration.ofSeconds(120));
		Map<Integer, Long> counted = statuses.stream()
			.collect(Collectors.groupingBy((status) -> status, Collectors.counting()));
		assertThat(counted).containsExactly(Map.entry(200, (long) BURST));
		// the calls really overlapped, well past the 25 of a default bulkhead
		assertThat(mostInFlight.get()).isGreaterThan(25);
	}

}
