package com.xorstack.ailog.query;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * One stored AI call as admins see it: the event's fields with the cost computed at
 * ingest ({@code costUsd} null and {@code priced} false for a model without a price).
 */
record AiLogView(UUID id, Instant occurredAt, String functionName, @Nullable String operation,
		@Nullable String provider, @Nullable String requestModel, @Nullable String responseModel,
		@Nullable String inputHash, @Nullable String outputPreview, @Nullable Double durationMs,
		@Nullable Double timeToFirstTokenMs, @Nullable Integer inputTokens, @Nullable Integer outputTokens,
		@Nullable Integer cacheReadInputTokens, String status, @Nullable String errorType,
		@Nullable List<String> finishReasons, @Nullable String userId, @Nullable String sessionId,
		@Nullable String conversationId, @Nullable String traceId, @Nullable String spanId,
		Map<String, String> attributes, @Nullable BigDecimal costUsd, boolean priced, Instant recordedAt) {

	static final String COLUMNS = "id, occurred_at, function_name, operation, provider, request_model, response_model,"
			+ " input_hash, output_preview, duration_ms, time_to_first_token_ms, input_tokens, output_tokens,"
			+ " cache_read_input_tokens, status, error_type, finish_reasons, user_id, session_id, conversation_id,"
			+ " trace_id, span_id, attributes::text as attributes, cost_usd, priced, recorded_at";

	private static final TypeReference<Map<String, String>> STRING_MAP = new TypeReference<>() {
	};

	static AiLogView of(Readable row, JsonMapper json) {
		String[] finishReasons = row.get("finish_reasons", String[].class);
		return new AiLogView(row.get("id", UUID.class), row.get("occurred_at", Instant.class),
				row.get("function_name", String.class), row.get("operation", String.class),
				row.get("provider", String.class), row.get("request_model", String.class),
				row.get("response_model", String.class), row.get("input_hash", String.class),
				row.get("output_preview", String.class), row.get("duration_ms", Double.class),
				row.get("time_to_first_token_ms", Double.class), row.get("input_tokens", Integer.class),
				row.get("output_tokens", Integer.class), row.get("cache_read_input_tokens", Integer.class),
				row.get("status", String.class), row.get("error_type", String.class),
				(finishReasons != null) ? Arrays.asList(finishReasons) : null, row.get("user_id", String.class),
				row.get("session_id", String.class), row.get("conversation_id", String.class),
				row.get("trace_id", String.class), row.get("span_id", String.class),
				json.readValue(row.get("attributes", String.class), STRING_MAP), row.get("cost_usd", BigDecimal.class),
				Boolean.TRUE.equals(row.get("priced", Boolean.class)), row.get("recorded_at", Instant.class));
	}

}
