package com.xorstack.feedback.submission;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The data of {@code com.xorstack.feedback.submitted.v1} (schema:
 * {@code schemas/feedback.submitted.v1.json} in platform).
 */
record FeedbackSubmitted(UUID feedbackId, String userId, Category category, Status status, Priority priority,
		@Nullable Integer rating, @Nullable UUID aiLogId, @Nullable String traceId, Instant createdAt) {

	static FeedbackSubmitted of(Feedback feedback) {
		return new FeedbackSubmitted(feedback.id(), feedback.userId(), feedback.category(), feedback.status(),
				feedback.priority(), feedback.rating(), feedback.aiLogId(), feedback.traceId(), feedback.createdAt());
	}

}
