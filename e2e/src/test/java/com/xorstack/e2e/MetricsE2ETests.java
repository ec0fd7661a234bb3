package com.xorstack.e2e;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.test.web.reactive.server.WebTestClient;

import com.xorstack.devstack.Service;
import com.xorstack.devstack.ServiceProcess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What Prometheus scrapes: every service's metrics on its management port, none on its
 * API port.
 */
class MetricsE2ETests {

	@Test
	void everyServiceServesPrometheusMetricsOnItsManagementPortOnly() {
		for (Service service : Service.values()) {
			ServiceProcess process = E2eSuite.get().service(service);
			String metrics = scrape(process.managementUrl());
			assertThat(metrics).as(service.module())
				.contains("http_server_requests_seconds", "jvm_memory_used_bytes",
						"application=\"" + service.module() + "\"");
			client(process.baseUrl()).get()
				.uri("/actuator/prometheus")
				.exchange()
				.expectStatus()
				.value((status) -> assertThat(status).as(service.module()).isIn(401, 403, 404));
		}
	}

	@Test
	void servicesWithDatabasesShowTheirPoolAndOutboxAndConsumersTheirLag() {
		for (Service service : List.of(Service.FEEDBACK, Service.AUTH)) {
			assertThat(scrape(E2eSuite.get().service(service).managementUrl())).as(service.module())
				.contains("xorstack_outbox_pending", "r2dbc_pool_");
		}
		await().atMost(Duration.ofSeconds(60))
			.untilAsserted(() -> assertThat(scrape(E2eSuite.get().service(Service.METRICS).managementUrl()))
				.contains("kafka_consumer_fetch_manager_records_lag_max"));
	}

	private static String scrape(String managementUrl) {
		return client(managementUrl).get()
			.uri("/actuator/prometheus")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
	}

	private static WebTestClient client(String baseUrl) {
		// a scrape of a busy service is larger than the client's default 256 KB
		return WebTestClient.bindToServer()
			.baseUrl(baseUrl)
			.responseTimeout(Duration.ofSeconds(20))
			.codecs((codecs) -> codecs.defaultCodecs().maxInMemorySize(8 * 1024 * 1024))
			.build();
	}

}
