package com.xorstack.feedback.submission;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A person's own feedback as they see it: all they sent and where triage stands, without
 * the moderators' note, which is internal (it leaves feedback-service in no event and no
 * audit record either).
 */
public record OwnFeedback(UUID id, String userId, Category category, String message, @Nullable String pageUrl,
		@Nullable String traceId, @Nullable UUID aiLogId, @Nullable Integer rating, Map<String, String> metadata,
		Status status, Priority priority, long version, Instant createdAt, Instant updatedAt) {

	static OwnFeedback of(Feedback feedback) {
		return new OwnFeedback(feedback.id(), feedback.userId(), feedback.category(), feedback.message(),
				feedback.pageUrl(), feedback.traceId(), feedback.aiLogId(), feedback.rating(), feedback.metadata(),
				feedback.status(), feedback.priority(), feedback.version(), feedback.createdAt(), feedback.updatedAt());
	}

}
