package com.xorstack.feedback.triage;

import jakarta.validation.constraints.Size;
import org.jspecify.annotations.Nullable;

import com.xorstack.feedback.submission.Priority;
import com.xorstack.feedback.submission.Status;

/**
 * What a moderator may change. Anything else in the body (message, owner, version) is
 * rejected as an unknown field; an absent field stays as it is, and a blank note clears
 * the note.
 */
record TriageRequest(@Nullable Status status, @Nullable Priority priority,
		@Nullable @Size(max = 2000, message = "must be at most 2000 characters") String note) {

	boolean isEmpty() {
		return this.status == null && this.priority == null && this.note == null;
	}

}
