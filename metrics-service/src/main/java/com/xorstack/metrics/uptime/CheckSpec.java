package com.xorstack.metrics.uptime;

import java.time.Duration;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * What a check does: its type ({@code http}, {@code tcp} or {@code builtin}), its target
 * (stored as JSON), time limit, interval and how many consecutive failures open an
 * incident.
 */
record CheckSpec(String name, String type, Target target, Duration timeout, Duration interval, int failuresBeforeDown) {

	/** The JSON column: the fields of one type, nothing else. */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Target(@Nullable String url, @Nullable String method, @Nullable Integer expectedStatus,
			@Nullable String bodyContains, @Nullable String host, @Nullable Integer port, @Nullable String builtin) {
	}

}
