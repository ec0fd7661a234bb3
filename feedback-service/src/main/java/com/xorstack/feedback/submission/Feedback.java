package com.xorstack.feedback.submission;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * One piece of feedback as stored. {@code version} grows with every change and is the
 * {@code ETag} of the single item.
 */
public record Feedback(UUID id, String userId, Category category, String message, @Nullable String pageUrl,
		@Nullable String traceId, @Nullable UUID aiLogId, @Nullable Integer rating, Map<String, String> metadata,
		Status status, Priority priority, @Nullable String note, long version, Instant createdAt, Instant updatedAt) {

	static Feedback submitted(String userId, SubmitFeedbackRequest request, Instant now) {
		return new Feedback(UUID.randomUUID(), userId, request.category(), request.message(), request.pageUrl(),
				request.traceId(), request.aiLogId(), request.rating(),
				(request.metadata() != null) ? Map.copyOf(request.metadata()) : Map.of(), Status.PENDING,
				Priority.MEDIUM, null, 0, now, now);
	}

}
