package com.xorstack.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.xorstack.devstack.Service;
import com.xorstack.e2e.OtlpReceiver.ReceivedSpan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What an SRE sees in Jaeger: every service runs with the OpenTelemetry agent exporting
 * to the test's {@link OtlpReceiver}. Each request starts with a {@code traceparent} of
 * the test's own, so its trace is the one with that id.
 */
class TracingE2ETests {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final WebTestClient gateway = WebTestClient.bindToServer()
		.baseUrl(E2eSuite.get().gatewayUrl())
		.responseTimeout(Duration.ofSeconds(20))
		.build();

	@Test
	void oneFeedbackRequestIsOneTraceFromTheGatewayThroughKafkaIntoTheConsumersDatabase() {
		String traceId = newTraceId();
		this.gateway.post()
			.uri("/api/feedback")
			.header("traceparent", traceparent(traceId))
			.headers((headers) -> headers.setBearerAuth(E2eSuite.token("demo-user")))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("category", "question", "message", "Where does my trace go?"))
			.exchange()
			.expectStatus()
			.isCreated()
			// what a user quotes when reporting the request
			.expectHeader()
			.valueEquals("X-Trace-Id", traceId);

		List<Predicate<ReceivedSpan>> expected = List.of(server("gateway"), server("feedback-service"),
				database("feedback-service"), kafka("feedback-service", SpanKind.SPAN_KIND_PRODUCER),
				kafka("metrics-service", SpanKind.SPAN_KIND_CONSUMER), database("metrics-service"));
		await().atMost(Duration.ofSeconds(90))
			.pollInterval(Duration.ofMillis(500))
			.untilAsserted(() -> assertThat(E2eSuite.traces().spans(traceId)).as("spans of trace %s", traceId)
				.satisfies((spans) -> expected
					.forEach((kind) -> assertThat(spans).as("spans of trace %s", traceId).anyMatch(kind))));

		List<ReceivedSpan> spans = E2eSuite.traces().spans(traceId);
		assertThat(spans).allSatisfy((span) -> {
			assertThat(span.resource()).containsEntry("service.namespace", "xorstack");
			assertThat(span.resource()).containsEntry("service.name", span.service());
		});
		// the consumer continues the producer's span, not a trace of its own
		ReceivedSpan producer = spans.stream()
			.filter(kafka("feedback-service", SpanKind.SPAN_KIND_PRODUCER))
			.findFirst()
			.orElseThrow();
		assertThat(spans).filteredOn(kafka("metrics-service", SpanKind.SPAN_KIND_CONSUMER))
			.anyMatch((consumer) -> consumer.parentSpanId().equals(producer.spanId()));
	}

	@Test
	void theGatewaysOwnProblemCarriesTheTraceId() {
		String traceId = newTraceId();
		this.gateway.get()
			.uri("/api/feedback")
			.header("traceparent", traceparent(traceId))
			.exchange()
			.expectStatus()
			.isUnauthorized()
			.expectBody()
			.jsonPath("$.traceId")
			.isEqualTo(traceId);
	}

	@Test
	void aServicesProblemCarriesTheTraceIdOfTheRequest() {
		String traceId = newTraceId();
		this.gateway.post()
			.uri("/api/feedback")
			.header("traceparent", traceparent(traceId))
			.headers((headers) -> headers.setBearerAuth(E2eSuite.token("demo-user")))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(Map.of("category", "bug", "message", "x", "rating", "five"))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("rating")
			.jsonPath("$.traceId")
			.isEqualTo(traceId);
	}

	@Test
	void logLinesAreJsonAndCarryTheTraceIdOfTheRequest() throws IOException {
		String traceId = newTraceId();
		this.gateway.get()
			.uri("/api/me")
			.header("traceparent", traceparent(traceId))
			.headers((headers) -> headers.setBearerAuth(E2eSuite.token("demo-user")))
			.exchange()
			.expectStatus()
			.isOk();

		for (Service service : List.of(Service.GATEWAY, Service.AUTH)) {
			Path log = E2eSuite.get().service(service).log();
			await().atMost(Duration.ofSeconds(30))
				.untilAsserted(() -> assertThat(jsonLines(log)).as(log.toString())
					.anyMatch((line) -> traceId.equals(line.path("trace_id").asString(""))
							&& line.path("span_id").asString("").length() == 16));
			assertThat(jsonLines(log)).as("every JSON line of %s is an ECS record", log)
				.allSatisfy((line) -> assertThat(line.has("@timestamp") && line.has("log") && line.has("message"))
					.as(line.toString())
					.isTrue());
		}
	}

	/** The service's log lines that are JSON; the agent's own start-up lines are not. */
	private static List<JsonNode> jsonLines(Path log) throws IOException {
		return Files.readAllLines(log).stream().filter((line) -> line.startsWith("{")).map(JSON::readTree).toList();
	}

	private static Predicate<ReceivedSpan> server(String service) {
		return (span) -> span.service().equals(service) && span.kind() == SpanKind.SPAN_KIND_SERVER;
	}

	private static Predicate<ReceivedSpan> database(String service) {
		return (span) -> span.service().equals(service) && span.kind() == SpanKind.SPAN_KIND_CLIENT
				&& span.isDatabase();
	}

	private static Predicate<ReceivedSpan> kafka(String service, SpanKind kind) {
		return (span) -> span.service().equals(service) && span.kind() == kind && span.isKafka("feedback.events.v1");
	}

	private static String newTraceId() {
		byte[] id = new byte[16];
		RANDOM.nextBytes(id);
		return HexFormat.of().formatHex(id);
	}

	private static String traceparent(String traceId) {
		byte[] parent = new byte[8];
		RANDOM.nextBytes(parent);
		return "00-" + traceId + "-" + HexFormat.of().formatHex(parent) + "-01";
	}

}
