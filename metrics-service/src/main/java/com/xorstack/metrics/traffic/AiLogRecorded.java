package com.xorstack.metrics.traffic;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** The fields of {@code ailog.recorded.v1} that metrics needs. */
record AiLogRecorded(@Nullable String id, @Nullable Instant occurredAt, @Nullable String functionName,
		@Nullable String operation, @Nullable String requestModel, @Nullable String responseModel,
		@Nullable Double durationMs, @Nullable Long inputTokens, @Nullable Long outputTokens, @Nullable String status,
		@Nullable String userId, @Nullable String sessionId, @Nullable BigDecimal costUsd, @Nullable Boolean priced) {
}
