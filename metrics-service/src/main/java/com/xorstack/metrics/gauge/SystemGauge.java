package com.xorstack.metrics.gauge;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/** {@code com.xorstack.system.gauge.v1}, see {@code schemas/system.gauge.v1.json}. */
record SystemGauge(@NotNull UUID id, @NotNull @Pattern(regexp = "[a-z][a-z0-9_.]{0,127}",
		message = "must be lower case letters, digits, dots and underscores, such as storage.bytes") String name,
		@NotNull Double value, @Nullable @Size(max = 32) String unit, @Nullable @Size(max = 16) Map<@Pattern(
				regexp = "[a-zA-Z][a-zA-Z0-9_.]{0,63}") String, @NotNull @Size(max = 200) String> labels,
		@NotNull Instant at) {

	boolean finite() {
		return this.value != null && Double.isFinite(this.value);
	}

}
