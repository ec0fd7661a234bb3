package com.xorstack.feedback.submission;

import java.util.Map;
import java.util.UUID;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

/**
 * What a client may send. Owner, status, priority, id and timestamps are the server's: a
 * body that names them is rejected as an unknown field (no mass assignment).
 */
record SubmitFeedbackRequest(@NotNull Category category,
		@NotBlank @Size(max = 5000, message = "must be at most 5000 characters") String message,
		@Nullable @Size(max = 2048) @Pattern(regexp = "https?://\\S+",
				message = "must be an http(s) URL") String pageUrl,
		@Nullable @Pattern(regexp = "[0-9a-f]{32}",
				message = "must be a W3C trace id (32 lower-case hex digits)") String traceId,
		@Nullable UUID aiLogId, @Nullable @Min(1) @Max(5) Integer rating,
		@Nullable @Size(max = 20, message = "must have at most 20 entries") Map<@Size(min = 1,
				max = 64) String, @Size(max = 500) String> metadata) {
}
