package com.xorstack.gateway.requestlog;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Data of {@code com.xorstack.gateway.request-completed.v1}
 * ({@code schemas/gateway.request-completed.v1.json} in platform).
 */
record GatewayRequestCompleted(@Nullable String route, String method, String path, int status, double durationMs,
		@Nullable String userId, @Nullable String clientId, @Nullable String sessionId, @Nullable String traceId,
		Instant at) {
}
