package com.xorstack.feedback.triage;

import java.util.Map;
import java.util.Set;

import com.xorstack.feedback.submission.Status;

/**
 * The life of feedback: pending → reviewed → resolved, and resolved → pending when it is
 * reopened. Staying in the same status is always allowed, so that priority or note can
 * change alone.
 */
final class Transitions {

	private static final Map<Status, Set<Status>> NEXT = Map.of(Status.PENDING, Set.of(Status.REVIEWED),
			Status.REVIEWED, Set.of(Status.RESOLVED), Status.RESOLVED, Set.of(Status.PENDING));

	private Transitions() {
	}

	static boolean allowed(Status from, Status to) {
		return from == to || NEXT.get(from).contains(to);
	}

	static Set<Status> next(Status from) {
		return NEXT.get(from);
	}

}
