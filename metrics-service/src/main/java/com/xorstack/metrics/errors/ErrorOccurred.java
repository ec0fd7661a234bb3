package com.xorstack.metrics.errors;

import java.time.Instant;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** {@code com.xorstack.system.error.v1}, see {@code schemas/system.error.v1.json}. */
record ErrorOccurred(@NotNull UUID id, @NotNull @Pattern(regexp = "[a-z][a-z0-9-]{0,63}") String service,
		@NotNull @Size(min = 1, max = 200) String route, @NotNull @Pattern(regexp = "[A-Z]{1,16}") String method,
		@Min(500) @Max(599) int status,
		@NotNull @Pattern(regexp = "[A-Za-z_$][A-Za-z0-9_$.]{0,254}") String exceptionType,
		@Nullable @Pattern(regexp = "[0-9a-f]{32}") String traceId, @NotNull Instant at) {
}
