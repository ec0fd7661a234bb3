package com.xorstack.metrics.traffic;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

import com.xorstack.platform.events.EventTypes;
import com.xorstack.platform.events.OutgoingEvent;
import com.xorstack.platform.events.Topics;

import static com.xorstack.metrics.MetricsIntegrationTest.event;

/** Events exactly as the gateway and ailog-service publish them. */
final class TrafficEvents {

	private TrafficEvents() {
	}

	static OutgoingEvent aiCall(UUID id, String function, String model, Instant at, double durationMs, long inputTokens,
			long outputTokens, boolean error, @Nullable String costUsd, @Nullable String sessionId) {
		String data = "{\"id\":\"" + id + "\",\"occurredAt\":\"" + at + "\",\"functionName\":\"" + function
				+ "\",\"operation\":\"chat\",\"provider\":\"openai\",\"requestModel\":\"" + model
				+ "\",\"responseModel\":\"" + model + "\",\"inputHash\":null,\"durationMs\":" + durationMs
				+ ",\"timeToFirstTokenMs\":null,\"inputTokens\":" + inputTokens + ",\"outputTokens\":" + outputTokens
				+ ",\"cacheReadInputTokens\":0,\"status\":\"" + (error ? "error" : "success") + "\",\"errorType\":"
				+ (error ? "\"timeout\"" : "null") + ",\"userId\":\"user-1\",\"sessionId\":"
				+ ((sessionId != null) ? "\"" + sessionId + "\"" : "null") + ",\"traceId\":null,\"costUsd\":"
				+ ((costUsd != null) ? costUsd : "null") + ",\"priced\":" + (costUsd != null) + "}";
		return event(id, EventTypes.AILOG_RECORDED, Topics.AILOG_RECORDED, function, data);
	}

	static OutgoingEvent request(UUID id, String route, String path, int status, double durationMs, Instant at,
			@Nullable String sessionId) {
		return request(id, route, path, status, durationMs, at, sessionId, null);
	}

	static OutgoingEvent request(UUID id, String route, String path, int status, double durationMs, Instant at,
			@Nullable String sessionId, @Nullable String traceId) {
		String data = "{\"route\":\"" + route + "\",\"method\":\"GET\",\"path\":\"" + path + "\",\"status\":" + status
				+ ",\"durationMs\":" + durationMs + ",\"userId\":\"user-2\",\"clientId\":null,\"sessionId\":"
				+ ((sessionId != null) ? "\"" + sessionId + "\"" : "null") + ",\"traceId\":"
				+ ((traceId != null) ? "\"" + traceId + "\"" : "null") + ",\"at\":\"" + at + "\"}";
		return event(id, EventTypes.GATEWAY_REQUEST_COMPLETED, Topics.GATEWAY_REQUEST, route, data);
	}

}
