package com.xorstack.ailog.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One AI call as {@code ailog.call.v1} describes it, validated, with its output preview
 * already redacted and cut.
 */
public record AiLogCall(UUID id, Instant occurredAt, String functionName, @Nullable String operation,
		@Nullable String provider, @Nullable String requestModel, @Nullable String responseModel,
		@Nullable String inputHash, @Nullable String outputPreview, @Nullable Double durationMs,
		@Nullable Double timeToFirstTokenMs, @Nullable Integer inputTokens, @Nullable Integer outputTokens,
		@Nullable Integer cacheReadInputTokens, String status, @Nullable String errorType,
		@Nullable List<String> finishReasons, @Nullable String userId, @Nullable String sessionId,
		@Nullable String conversationId, @Nullable String traceId, @Nullable String spanId,
		Map<String, String> attributes) {

}
