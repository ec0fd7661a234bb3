package com.xorstack.metrics.alerting;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import com.xorstack.platform.web.InvalidParameterException;

/**
 * A silence: mutes the changes of rules named {@code ruleName} (any rule when absent)
 * whose labels, with {@code severity} and {@code metric}, include every matcher, from
 * {@code startsAt} (now when absent) until {@code endsAt}.
 */
record SilenceRequest(@Nullable String ruleName, @Nullable Map<String, String> matchers, @Nullable Instant startsAt,
		@Nullable Instant endsAt, @Nullable String comment) {

	SilenceRequest validated(Instant now) {
		Instant starts = (this.startsAt != null) ? this.startsAt : now;
		if (this.endsAt == null || !this.endsAt.isAfter(starts) || !this.endsAt.isAfter(now)) {
			throw new InvalidParameterException("endsAt", "must be after startsAt and in the future");
		}
		if (this.comment == null || this.comment.isBlank() || this.comment.length() > 500) {
			throw new InvalidParameterException("comment", "must be 1 to 500 characters");
		}
		Map<String, String> checked = (this.matchers != null) ? this.matchers : Map.of();
		checked.forEach((name, value) -> {
			if (value == null || value.isBlank()) {
				throw new InvalidParameterException("matchers." + name, "must not be blank");
			}
		});
		if (checked.isEmpty() && (this.ruleName == null || this.ruleName.isBlank())) {
			throw new InvalidParameterException("ruleName", "or at least one matcher is required");
		}
		return new SilenceRequest(this.ruleName, checked, starts, this.endsAt, this.comment.strip());
	}

}
