package com.xorstack.platform.errors;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One request that ended in an error of ours. {@code route} is the route's pattern or id,
 * never the path, which may hold a user's id; {@code traceId} and {@code spanId} are the
 * request's OpenTelemetry ids, {@code null} without the agent.
 */
public record UnhandledError(Throwable exception, String service, String route, String method, int status,
		@Nullable String traceId, @Nullable String spanId, Instant at) {

	/** The exception's class name: all that the suite stores of it. */
	public String exceptionType() {
		return this.exception.getClass().getName();
	}

}
