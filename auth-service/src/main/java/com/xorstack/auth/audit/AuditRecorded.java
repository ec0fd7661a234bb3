package com.xorstack.auth.audit;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * The data of a {@code com.xorstack.audit.recorded.v1} event: a privileged action taken
 * in another service.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record AuditRecorded(@Nullable String actor, @Nullable String action, @Nullable String target, @Nullable Instant at,
		@Nullable Map<String, Object> details) {

	boolean complete() {
		return this.actor != null && !this.actor.isBlank() && this.action != null && !this.action.isBlank()
				&& this.target != null && !this.target.isBlank() && this.at != null;
	}

	Map<String, Object> detailsOrEmpty() {
		return (this.details != null) ? this.details : Map.of();
	}

}
