package com.xorstack.feedback.triage;

import java.time.Instant;
import java.util.UUID;

import com.xorstack.feedback.submission.Priority;
import com.xorstack.feedback.submission.Status;

/**
 * The data of {@code com.xorstack.feedback.triaged.v1} (schema:
 * {@code schemas/feedback.triaged.v1.json} in platform). The note stays out: it is for
 * moderators, not for every consumer of the topic.
 */
record FeedbackTriaged(UUID feedbackId, Status status, Status previousStatus, Priority priority, String triagedBy,
		Instant triagedAt, long version) {

	static FeedbackTriaged of(Triage triage) {
		return new FeedbackTriaged(triage.after().id(), triage.after().status(), triage.before().status(),
				triage.after().priority(), triage.actor(), triage.at(), triage.after().version());
	}

}
