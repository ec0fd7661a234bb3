package com.xorstack.metrics.feedback;

import java.time.Instant;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * The fields of {@code feedback.submitted.v1} and {@code feedback.triaged.v1} that
 * metrics needs; other fields are ignored here (the schema, not this reader, guards
 * them).
 */
record FeedbackEvent(@Nullable UUID feedbackId, @Nullable String status, @Nullable String category,
		@Nullable String priority, @Nullable Instant createdAt, @Nullable Instant triagedAt, @Nullable Long version) {
}
