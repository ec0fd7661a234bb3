package com.xorstack.metrics.usage;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** {@code com.xorstack.usage.event.v1}, see {@code schemas/usage.event.v1.json}. */
record UsageEvent(@NotNull UUID id,
		@NotNull @Pattern(regexp = "[a-z][a-z0-9_]{0,63}",
				message = "must be snake_case, such as session_started") String kind,
		@Nullable @Size(max = 200) String userId, @Nullable @Size(max = 200) String sessionId,
		@NotNull Instant occurredAt,
		@Nullable @Pattern(regexp = "[a-z][a-z0-9_.-]{0,63}",
				message = "must be a lower-case name such as meal_planner") String feature,
		@Nullable @Size(max = 32) Map<String, @Size(max = 500) String> attributes) {

	static final String SESSION_STARTED = "session_started";

	static final String TASK_COMPLETED = "task_completed";

	static final String EXPORT_COMPLETED = "export_completed";

}
