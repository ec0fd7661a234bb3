package com.xorstack.ailog.ingest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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

	private static final Pattern TRACEPARENT = Pattern.compile("^[0-9a-f]{2}-([0-9a-f]{32})-[0-9a-f]{16}-[0-9a-f]{2}$");

	private static final String INVALID_TRACE = "0".repeat(32);

	/**
	 * This call, keeping the trace it came in: when the event names no {@code traceId},
	 * the one of the W3C {@code traceparent} it was delivered with (a Kafka header or an
	 * HTTP request header), so that the record still leads to the trace in Jaeger.
	 */
	AiLogCall inTrace(@Nullable String traceparent) {
		if (this.traceId != null || traceparent == null) {
			return this;
		}
		Matcher matcher = TRACEPARENT.matcher(traceparent.trim());
		if (!matcher.matches() || matcher.group(1).equals(INVALID_TRACE)) {
			return this;
		}
		return new AiLogCall(this.id, this.occurredAt, this.functionName, this.operation, this.provider,
				this.requestModel, this.responseModel, this.inputHash, this.outputPreview, this.durationMs,
				this.timeToFirstTokenMs, this.inputTokens, this.outputTokens, this.cacheReadInputTokens, this.status,
				this.errorType, this.finishReasons, this.userId, this.sessionId, this.conversationId, matcher.group(1),
				this.spanId, this.attributes);
	}

}
