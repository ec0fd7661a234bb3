package com.xorstack.ailog;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.xorstack.devstack.TestStack;

/**
 * The AI-log API as tests call it, with real tokens: the {@code edge-functions} client
 * (role ingest) and demo-admin.
 */
public final class AiLogApi {

	public static final ParameterizedTypeReference<Map<String, Object>> JSON_OBJECT = new ParameterizedTypeReference<>() {
	};

	private final WebTestClient web;

	public AiLogApi(WebTestClient web) {
		this.web = web;
	}

	public static String ingestToken() {
		return TestStack.get().clientCredentialsToken("edge-functions", "edge-functions-secret");
	}

	public static String adminToken() {
		return TestStack.get().passwordToken("demo-admin");
	}

	/** A valid event of {@code function}, to be changed by the test. */
	public static Map<String, Object> event(String function, Instant occurredAt) {
		Map<String, Object> event = new LinkedHashMap<>();
		event.put("id", UUID.randomUUID().toString());
		event.put("occurredAt", occurredAt.toString());
		event.put("functionName", function);
		event.put("operation", "chat");
		event.put("provider", "openai");
		event.put("requestModel", "gpt-4o-mini");
		event.put("durationMs", 120.5);
		event.put("inputTokens", 100);
		event.put("outputTokens", 20);
		event.put("status", "success");
		return event;
	}

	public WebTestClient.ResponseSpec post(Object body) {
		return this.web.post()
			.uri("/api/ai-logs")
			.headers((headers) -> headers.setBearerAuth(ingestToken()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange();
	}

	public Map<String, Object> accepted(Object body) {
		return post(body).expectStatus().isAccepted().expectBody(JSON_OBJECT).returnResult().getResponseBody();
	}

	public Map<String, Object> batch(List<?> events) {
		return accepted(Map.of("events", events));
	}

	public WebTestClient.ResponseSpec get(String uri, Object... variables) {
		return this.web.get().uri(uri, variables).headers((headers) -> headers.setBearerAuth(adminToken())).exchange();
	}

	public Map<String, Object> getJson(String uri, Object... variables) {
		return get(uri, variables).expectStatus().isOk().expectBody(JSON_OBJECT).returnResult().getResponseBody();
	}

}
