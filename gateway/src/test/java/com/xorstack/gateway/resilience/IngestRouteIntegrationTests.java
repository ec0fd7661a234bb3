package com.xorstack.gateway.resilience;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.xorstack.devstack.TestStack;
import com.xorstack.gateway.StandInServer;
import com.xorstack.gateway.StandInServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ingest batches have routes of their own: a batch the service takes longer than the time
 * limit of ordinary requests (1 s here) to store still gets its answer, once; the same
 * slow answer to an ordinary call of the same service is cut with a 504.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "xorstack.gateway.rate-limit.redis-enabled=false", "management.server.port=0",
				"resilience4j.timelimiter.configs.default.timeout-duration=1s" })
@AutoConfigureWebTestClient(timeout = "20s")
class IngestRouteIntegrationTests {

	static final AtomicInteger arrived = new AtomicInteger();

	@RegisterExtension
	static final StandInServer services = StandInServer.of(HttpServer.create()
		.host("127.0.0.1")
		.port(0)
		// every answer after 2 s, as from a service storing a large batch under load
		.handle((request, response) -> {
			arrived.incrementAndGet();
			return request.receive()
				.then(Mono.delay(Duration.ofSeconds(2)))
				.then(response.status(202)
					.header("Content-Type", "application/json")
					.sendString(Mono.just("{\"accepted\":1,\"duplicates\":0,\"rejected\":[]}"))
					.then());
		})
		.bindNow());

	@Autowired
	WebTestClient web;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		StandInServices.register(registry, services.port());
	}

	@Test
	void aSlowBatchOfEveryIngestPathIsAnsweredOnce() {
		for (String path : new String[] { "/api/ai-logs", "/v1/traces", "/api/usage-events", "/api/system-metrics" }) {
			int before = arrived.get();
			this.web.post()
				.uri(path)
				.contentType(MediaType.APPLICATION_JSON)
				.headers((headers) -> headers.setBearerAuth(ingestToken()))
				.bodyValue("{\"events\":[]}")
				.exchange()
				.expectStatus()
				.isEqualTo(202)
				.expectBody()
				.jsonPath("$.accepted")
				.isEqualTo(1);
			assertThat(arrived.get() - before).as(path).isEqualTo(1);
		}
	}

	@Test
	void anOrdinaryCallOfTheSameServiceIsStillCut() {
		this.web.get()
			.uri("/api/admin/ai-logs")
			.headers((headers) -> headers.setBearerAuth(TestStack.get().passwordToken("demo-admin")))
			.exchange()
			.expectStatus()
			.isEqualTo(504);
	}

	private static String ingestToken() {
		return TestStack.get().clientCredentialsToken("edge-functions", "edge-functions-secret");
	}

}
