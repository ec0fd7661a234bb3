package com.xorstack.metrics.uptime;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A check down from the first of {@code failures} consecutive failures
 * ({@code startedAt}) until the next success ({@code endedAt}, absent while open);
 * {@code durationSeconds} runs to now while it is open.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Incident(long id, UUID checkId, String check, Instant startedAt, @Nullable Instant endedAt, long durationSeconds,
		int failures, String cause) {

	static Incident of(long id, UUID checkId, String check, Instant startedAt, @Nullable Instant endedAt, int failures,
			String cause, Instant now) {
		Instant end = (endedAt != null) ? endedAt : now;
		return new Incident(id, checkId, check, startedAt, endedAt,
				Math.max(0, Duration.between(startedAt, end).toSeconds()), failures, cause);
	}

	@JsonIgnore
	boolean open() {
		return this.endedAt == null;
	}

	/** Seconds of this incident within {@code [from, to]}. */
	long downSecondsWithin(Instant from, Instant to) {
		Instant start = this.startedAt.isBefore(from) ? from : this.startedAt;
		Instant end = (this.endedAt == null || this.endedAt.isAfter(to)) ? to : this.endedAt;
		return Math.max(0, Duration.between(start, end).toSeconds());
	}

}
