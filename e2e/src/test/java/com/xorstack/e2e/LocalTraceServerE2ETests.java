package com.xorstack.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an SRE finds in the local trace server (Zipkin) that {@code ./xorstack up} starts:
 * the request's id comes from the gateway's {@code X-Trace-Id}, as a user would quote it,
 * and Zipkin's API holds one trace from the gateway through Kafka to the consumer's
 * database.
 */
class LocalTraceServerE2ETests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final WebTestClient gateway = WebTestClient.bindToServer()
		.baseUrl(E2eSuite.get().gatewayUrl())
		.responseTimeout(Duration.ofSeconds(20))
		.build();

	@Test
	void oneFeedbackRequestIsOneTraceInZipkinFromTheGatewayToTheConsumersDatabase() throws Exception {
		String traceId = this.gateway.post()
			.uri("/api/feedback")
			.headers((headers) -> headers.setBearerAuth(E2eSuite.token("demo-user")))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("category", "question", "message", "Which trace is mine?"))
			.exchange()
			.expectStatus()
			.isCreated()
			.returnResult(String.class)
			.getResponseHeaders()
			.getFirst("X-Trace-Id");
		assertThat(traceId).as("X-Trace-Id").matches("[0-9a-f]{32}");

		Map<String, Predicate<JsonNode>> expected = Map.of("gateway server", server("gateway"),
				"feedback-service server", server("feedback-service"), "feedback-service insert",
				database("feedback-service"), "feedback-service send to Kafka", kafka("feedback-service", "PRODUCER"),
				"metrics-service receive from Kafka", kafka("metrics-service", "CONSUMER"), "metrics-service write",
				database("metrics-service"));
		await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
			List<JsonNode> spans = trace(traceId);
			expected.forEach((what, span) -> assertThat(spans).as("%s in trace %s", what, traceId).anyMatch(span));
		});
		// one trace: the consumer continues the producer's span
		List<JsonNode> spans = trace(traceId);
		JsonNode producer = spans.stream().filter(kafka("feedback-service", "PRODUCER")).findFirst().orElseThrow();
		assertThat(spans).filteredOn(kafka("metrics-service", "CONSUMER"))
			.anyMatch((consumer) -> consumer.path("parentId").asString("").equals(producer.path("id").asString()));
	}

	/** The spans Zipkin holds for the trace, none while it has not seen it. */
	private List<JsonNode> trace(String traceId) throws Exception {
		HttpResponse<String> response = this.http
			.send(HttpRequest.newBuilder(URI.create(E2eSuite.get().traceServerUrl() + "/api/v2/trace/" + traceId))
				.build(), HttpResponse.BodyHandlers.ofString());
		if (response.statusCode() == 404) {
			return List.of();
		}
		assertThat(response.statusCode()).isEqualTo(200);
		return JSON.readTree(response.body()).valueStream().toList();
	}

	private static Predicate<JsonNode> of(String service, String kind) {
		return (span) -> service.equals(span.path("localEndpoint").path("serviceName").asString(""))
				&& kind.equals(span.path("kind").asString(""));
	}

	private static Predicate<JsonNode> server(String service) {
		return of(service, "SERVER");
	}

	private static Predicate<JsonNode> database(String service) {
		return of(service, "CLIENT").and((span) -> "postgresql".equals(tag(span, "db.system.name"))
				|| "postgresql".equals(tag(span, "db.system")));
	}

	private static Predicate<JsonNode> kafka(String service, String kind) {
		return of(service, kind).and((span) -> "kafka".equals(tag(span, "messaging.system"))
				&& "feedback.events.v1".equals(tag(span, "messaging.destination.name")));
	}

	private static String tag(JsonNode span, String name) {
		return span.path("tags").path(name).asString("");
	}

}
