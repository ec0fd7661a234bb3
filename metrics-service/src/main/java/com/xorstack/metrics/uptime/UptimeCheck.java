package com.xorstack.metrics.uptime;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A stored check as the API shows it, with its status now: {@code up} (the last result
 * passed), {@code failing} (it failed, fewer times in a row than
 * {@code failuresBeforeDown}), {@code down} (an incident is open since {@code since}) or
 * {@code unknown} (never run). Durations are ISO-8601 text. A built-in check names its
 * built-in ({@code builtin}) and shows no target: that is operator configuration.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record UptimeCheck(UUID id, @JsonIgnore int no, String name, String type, @Nullable String url, @Nullable String method,
		@Nullable Integer expectedStatus, @Nullable String bodyContains, @Nullable String host, @Nullable Integer port,
		@Nullable String builtin, String timeout, String interval, int failuresBeforeDown, int version,
		String createdBy, Instant createdAt, Instant updatedAt, Status status) {

	static final String UP = "up";

	static final String FAILING = "failing";

	static final String DOWN = "down";

	static final String UNKNOWN = "unknown";

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record Status(String state, @Nullable Instant since, @Nullable Instant lastCheckedAt,
			@Nullable Integer lastResponseMs, @Nullable String lastError, @Nullable Long openIncident) {
	}

}
