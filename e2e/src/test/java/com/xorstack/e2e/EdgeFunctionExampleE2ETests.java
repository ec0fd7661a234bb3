package com.xorstack.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.xorstack.devstack.DevStack;
import com.xorstack.platform.events.KafkaPrincipals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The TypeScript edge function of {@code examples/edge-function}, run with node against
 * the suite: its AI calls, sent to Kafka as the broker's {@code edge-functions} user or
 * to {@code POST /api/ai-logs} with the {@code edge-functions} client's token, are stored
 * by ailog-service and read back through the API.
 */
class EdgeFunctionExampleE2ETests {

	private static final Pattern IDS = Pattern.compile("\"ids\":\\[([^\\]]*)\\]");

	private static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	private static NodeExample example;

	private final WebTestClient gateway = WebTestClient.bindToServer()
		.baseUrl(E2eSuite.get().gatewayUrl())
		.responseTimeout(Duration.ofSeconds(20))
		.build();

	@BeforeAll
	static void install() {
		example = NodeExample.install("edge-function");
	}

	@Test
	void aiCallsSentToKafkaAreStored() {
		DevStack stack = E2eSuite.get().devStack();
		String functionName = "example-kafka-" + UUID.randomUUID();
		String output = example.start("kafka",
				Map.of("XORSTACK_SINK", "kafka", "FUNCTION_NAME", functionName, "CALLS", "3", "KAFKA_BROKERS",
						stack.kafkaBootstrapServers(), "KAFKA_USERNAME", KafkaPrincipals.EDGE, "KAFKA_PASSWORD",
						stack.kafkaPassword(KafkaPrincipals.EDGE)));
		assertStored(ids(output), functionName);
	}

	@Test
	void aiCallsPostedToTheApiAreStored() {
		String functionName = "example-http-" + UUID.randomUUID();
		String output = example.start("http",
				Map.of("XORSTACK_SINK", "http", "FUNCTION_NAME", functionName, "CALLS", "4", "XORSTACK_API_URL",
						E2eSuite.get().gatewayUrl(), "OIDC_ISSUER_URI", E2eSuite.get().devStack().issuerUri(),
						"OIDC_CLIENT_ID", "edge-functions", "OIDC_CLIENT_SECRET", "edge-functions-secret"));
		assertStored(ids(output), functionName);
	}

	private void assertStored(List<String> ids, String functionName) {
		String admin = E2eSuite.token("demo-admin");
		for (String id : ids) {
			await().atMost(Duration.ofSeconds(60))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> this.gateway.get()
					.uri("/api/admin/ai-logs/{id}", id)
					.headers((headers) -> headers.setBearerAuth(admin))
					.exchange()
					.returnResult(Void.class)
					.getStatus()
					.value() == 200);
			Map<String, Object> log = this.gateway.get()
				.uri("/api/admin/ai-logs/{id}", id)
				.headers((headers) -> headers.setBearerAuth(admin))
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(JSON_OBJECT)
				.returnResult()
				.getResponseBody();
			assertThat(log).containsEntry("functionName", functionName)
				.containsEntry("status", "success")
				.containsEntry("requestModel", "example-model");
		}
	}

	/** The example prints {@code {"sink":"kafka","ids":["...", ...]}}. */
	private static List<String> ids(String output) {
		Matcher ids = IDS.matcher(output);
		assertThat(ids.find()).as("the example's output: %s", output).isTrue();
		List<String> found = Pattern.compile("\"([0-9a-f-]{36})\"")
			.matcher(ids.group(1))
			.results()
			.map((id) -> id.group(1))
			.toList();
		assertThat(found).isNotEmpty();
		return found;
	}

}
