package com.xorstack.gateway.requestlog;

import java.io.IOException;
import java.net.ServerSocket;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.xorstack.devstack.TestStack;
import com.xorstack.gateway.StandInServer;
import com.xorstack.gateway.StandInServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With no broker to be found, requests are served as usual and the lost events are
 * counted.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "xorstack.gateway.rate-limit.redis-enabled=false", "management.server.port=0",
				"xorstack.gateway.request-events.buffer-capacity=2", "spring.kafka.admin.auto-create=false" })
@AutoConfigureWebTestClient
class RequestLogWithoutKafkaIntegrationTests {

	@RegisterExtension
	static final StandInServer downstream = StandInServer.of(StandInServices.answeringEmptyJson());

	@Autowired
	WebTestClient web;

	@Autowired
	MeterRegistry meters;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) throws IOException {
		TestStack.get()
			.springProperties()
			.entrySet()
			.stream()
			.filter((property) -> !property.getKey().startsWith("spring.kafka."))
			.forEach((property) -> registry.add(property.getKey(), property::getValue));
		int nobody;
		try (ServerSocket socket = new ServerSocket(0)) {
			nobody = socket.getLocalPort();
		}
		registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + nobody);
		StandInServices.routeTo(registry, "http://127.0.0.1:" + downstream.port());
	}

	@Test
	void requestsSucceedAndLostEventsAreCounted() {
		String token = TestStack.get().passwordToken("demo-user");
		for (int i = 0; i < 20; i++) {
			this.web.get()
				.uri("/api/feedback")
				.headers((headers) -> headers.setBearerAuth(token))
				.exchange()
				.expectStatus()
				.isOk();
		}
		double dropped = this.meters.find(RequestEventBuffer.DROPPED)
			.counters()
			.stream()
			.mapToDouble((counter) -> counter.count())
			.sum();
		assertThat(dropped).isGreaterThan(0);
	}

}
