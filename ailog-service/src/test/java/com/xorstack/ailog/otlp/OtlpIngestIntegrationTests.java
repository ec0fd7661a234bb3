package com.xorstack.ailog.otlp;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.ArrayValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.xorstack.ailog.AiLogApi;
import com.xorstack.ailog.AilogIntegrationTest;
import com.xorstack.devstack.EventRecords;
import com.xorstack.platform.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * OTLP/HTTP as an OpenTelemetry SDK sends it: spans with {@code gen_ai.*} attributes
 * become AI logs under their current or deprecated names, other spans are ignored, and a
 * rejected span is reported as a partial success.
 */
class OtlpIngestIntegrationTests extends AilogIntegrationTest {

	@Autowired
	WebTestClient web;

	@Autowired
	DatabaseClient db;

	AiLogApi api;

	@Autowired
	void api(WebTestClient web) {
		this.api = new AiLogApi(web);
	}

	@Test
	void protobufSpansWithGenAiAttributesAreStoredOnceAndOtherSpansIgnored() {
		String function = "otlp-fn-" + UUID.randomUUID();
		long start = Instant.now().toEpochMilli() * 1_000_000;
		Span chat = span("chat gpt-4o", start, start + 1_500_000_000L, Status.StatusCode.STATUS_CODE_OK,
				string("gen_ai.operation.name", "chat"), string("gen_ai.system", "openai"),
				string("gen_ai.request.model", "gpt-4o"), string("gen_ai.response.model", "gpt-4o-2024-08-06"),
				integer("gen_ai.usage.prompt_tokens", 1000), integer("gen_ai.usage.completion_tokens", 500),
				integer("gen_ai.usage.cache_read.input_tokens", 200), strings("gen_ai.response.finish_reasons", "stop"),
				string("gen_ai.response.id", "resp-1"));
		Span http = span("GET /health", start, start + 1_000_000, Status.StatusCode.STATUS_CODE_OK,
				string("http.request.method", "GET"));
		Span failed = span("chat claude", start, start + 250_000_000L, Status.StatusCode.STATUS_CODE_ERROR,
				string("gen_ai.provider.name", "anthropic"), string("gen_ai.request.model", "claude-sonnet-4"),
				string("error.type", "timeout"), integer("gen_ai.usage.input_tokens", 10));
		ExportTraceServiceRequest request = request(Resource.newBuilder()
			.addAttributes(string("service.name", "edge"))
			.addAttributes(string("faas.name", function))
			.build(), chat, http, failed);

		ExportTraceServiceResponse response = exportProtobuf(request);
		assertThat(response.hasPartialSuccess()).isFalse();
		exportProtobuf(request);

		List<Map<String, Object>> stored = this.api.getJson("/api/admin/ai-logs?functionName={f}", function)
			.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().equals("items"))
			.map((entry) -> (List<Map<String, Object>>) entry.getValue())
			.findFirst()
			.orElseThrow();
		assertThat(stored).as("two AI spans, sent twice, stored once each").hasSize(2);
		Map<String, Object> ok = stored.stream()
			.filter((log) -> log.get("status").equals("success"))
			.findFirst()
			.orElseThrow();
		assertThat(ok).containsEntry("provider", "openai")
			.containsEntry("operation", "chat")
			.containsEntry("responseModel", "gpt-4o-2024-08-06")
			.containsEntry("inputTokens", 1000)
			.containsEntry("outputTokens", 500)
			.containsEntry("cacheReadInputTokens", 200)
			.containsEntry("finishReasons", List.of("stop"))
			.containsEntry("durationMs", 1500.0)
			.containsEntry("traceId", HexFormat.of().formatHex(chat.getTraceId().toByteArray()))
			.containsEntry("spanId", HexFormat.of().formatHex(chat.getSpanId().toByteArray()))
			.containsEntry("attributes", Map.of("gen_ai.response.id", "resp-1"));
		// gpt-4o price: 800 uncached input at 2.50, 200 cached at 1.25, 500 output at
		// 10.00
		assertThat(((Number) ok.get("costUsd")).doubleValue()).isEqualTo(0.00725);
		Map<String, Object> error = stored.stream()
			.filter((log) -> log.get("status").equals("error"))
			.findFirst()
			.orElseThrow();
		assertThat(error).containsEntry("provider", "anthropic").containsEntry("errorType", "timeout");
		assertThat(EventRecords.distinct(EventRecords.await(Topics.AILOG_RECORDED,
				(record) -> function.equals(record.key()), 2, Duration.ofSeconds(60), Duration.ofSeconds(1))))
			.as("each stored span announced, as ailog.recorded.v1 says")
			.hasSize(2);
	}

	@Test
	void jsonWithHexIdsIsReadAndARejectedSpanIsAPartialSuccess() {
		String service = "otlp-json-" + UUID.randomUUID();
		String traceId = hex(16);
		String spanId = hex(8);
		long start = Instant.now().toEpochMilli() * 1_000_000;
		String json = """
				{"resourceSpans": [{
				  "resource": {"attributes": [{"key": "service.name", "value": {"stringValue": "%s"}}]},
				  "scopeSpans": [{"scope": {"name": "openai-instrumentation"}, "spans": [
				    {"traceId": "%s", "spanId": "%s", "name": "embeddings", "kind": 3,
				     "startTimeUnixNano": "%d", "endTimeUnixNano": "%d",
				     "attributes": [
				       {"key": "gen_ai.operation.name", "value": {"stringValue": "embeddings"}},
				       {"key": "gen_ai.request.model", "value": {"stringValue": "text-embedding-3-small"}},
				       {"key": "gen_ai.usage.input_tokens", "value": {"intValue": "64"}}]},
				    {"traceId": "%s", "spanId": "%s", "name": "broken",
				     "startTimeUnixNano": "%d", "endTimeUnixNano": "%d",
				     "attributes": [{"key": "gen_ai.usage.input_tokens", "value": {"intValue": "-5"}}]}
				  ]}]
				}]}
				""".formatted(service, traceId, spanId, start, start + 40_000_000L, traceId, hex(8), start,
				start + 1_000_000L);
		this.web.post()
			.uri("/v1/traces")
			.headers((headers) -> headers.setBearerAuth(AiLogApi.ingestToken()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(json)
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.partialSuccess.rejectedSpans")
			.isEqualTo("1")
			.jsonPath("$.partialSuccess.errorMessage")
			.value((String message) -> assertThat(message).contains("broken", "inputTokens must not be negative"));
		String stored = this.db
			.sql("select trace_id || ' ' || span_id || ' ' || duration_ms from ai_logs where function_name = :f")
			.bind("f", service)
			.map((row) -> row.get(0, String.class))
			.one()
			.block();
		assertThat(stored).isEqualTo(traceId + " " + spanId + " 40");
	}

	@Test
	void onlyIngestClientsMayExportAndGarbageIsABadRequest() {
		this.web.post()
			.uri("/v1/traces")
			.headers((headers) -> headers.setBearerAuth(AiLogApi.adminToken()))
			.contentType(OtlpController.PROTOBUF)
			.bodyValue(new byte[0])
			.exchange()
			.expectStatus()
			.isForbidden();
		this.web.post()
			.uri("/v1/traces")
			.headers((headers) -> headers.setBearerAuth(AiLogApi.ingestToken()))
			.contentType(OtlpController.PROTOBUF)
			.bodyValue("definitely not protobuf".getBytes(StandardCharsets.UTF_8))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.errors[0].field")
			.isEqualTo("body");
	}

	private ExportTraceServiceResponse exportProtobuf(ExportTraceServiceRequest request) {
		byte[] body = this.web.post()
			.uri("/v1/traces")
			.headers((headers) -> headers.setBearerAuth(AiLogApi.ingestToken()))
			.contentType(OtlpController.PROTOBUF)
			.bodyValue(request.toByteArray())
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.contentType(OtlpController.PROTOBUF)
			.expectBody(byte[].class)
			.returnResult()
			.getResponseBody();
		try {
			return ExportTraceServiceResponse.parseFrom((body != null) ? body : new byte[0]);
		}
		catch (com.google.protobuf.InvalidProtocolBufferException ex) {
			throw new AssertionError(ex);
		}
	}

	private static ExportTraceServiceRequest request(Resource resource, Span... spans) {
		return ExportTraceServiceRequest.newBuilder()
			.addResourceSpans(ResourceSpans.newBuilder()
				.setResource(resource)
				.addScopeSpans(ScopeSpans.newBuilder().addAllSpans(List.of(spans))))
			.build();
	}

	private static Span span(String name, long start, long end, Status.StatusCode status, KeyValue... attributes) {
		return Span.newBuilder()
			.setTraceId(ByteString.copyFrom(HexFormat.of().parseHex(hex(16))))
			.setSpanId(ByteString.copyFrom(HexFormat.of().parseHex(hex(8))))
			.setName(name)
			.setKind(Span.SpanKind.SPAN_KIND_CLIENT)
			.setStartTimeUnixNano(start)
			.setEndTimeUnixNano(end)
			.setStatus(Status.newBuilder().setCode(status))
			.addAllAttributes(List.of(attributes))
			.build();
	}

	private static KeyValue string(String key, String value) {
		return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
	}

	private static KeyValue integer(String key, long value) {
		return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
	}

	private static KeyValue strings(String key, String... values) {
		ArrayValue.Builder array = ArrayValue.newBuilder();
		for (String value : values) {
			array.addValues(AnyValue.newBuilder().setStringValue(value));
		}
		return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setArrayValue(array)).build();
	}

	private static String hex(int bytes) {
		byte[] random = new byte[bytes];
		ThreadLocalRandom.current().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

}
