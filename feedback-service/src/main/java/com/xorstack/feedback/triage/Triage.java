package com.xorstack.feedback.triage;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import com.xorstack.feedback.submission.Feedback;
import com.xorstack.feedback.submission.Priority;
import com.xorstack.feedback.submission.Status;

/**
 * One triage action: the feedback before and after, who did it and when.
 */
record Triage(Feedback before, Feedback after, String actor, Instant at) {

	/**
	 * Applies a request to the current feedback, after checking the version the client
	 * read and the status transition.
	 */
	static Triage of(Feedback current, long expectedVersion, TriageRequest request, String actor, Instant at) {
		if (current.version() != expectedVersion) {
			throw TriageProblems.stale(current);
		}
		Status status = (request.status() != null) ? request.status() : current.status();
		if (!Transitions.allowed(current.status(), status)) {
			throw TriageProblems.illegalTransition(current.status(), status);
		}
		Priority priority = (request.priority() != null) ? request.priority() : current.priority();
		String note = (request.note() != null) ? blankAsNull(request.note()) : current.note();
		Feedback after = new Feedback(current.id(), current.userId(), current.category(), current.message(),
				current.pageUrl(), current.traceId(), current.aiLogId(), current.rating(), current.metadata(), status,
				priority, note, current.version() + 1, current.createdAt(), at);
		return new Triage(current, after, actor, at);
	}

	boolean noteChanged() {
		return !Objects.equals(this.before.note(), this.after.note());
	}

	private static @Nullable String blankAsNull(String note) {
		return note.isBlank() ? null : note;
	}

}
