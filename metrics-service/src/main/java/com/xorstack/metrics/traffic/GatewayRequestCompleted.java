package com.xorstack.metrics.traffic;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** The fields of {@code gateway.request-completed.v1} that metrics needs. */
record GatewayRequestCompleted(@Nullable String route, @Nullable String method, @Nullable String path,
		@Nullable Integer status, @Nullable Double durationMs, @Nullable String userId, @Nullable String clientId,
		@Nullable String sessionId, @Nullable String traceId, @Nullable Instant at) {
}
