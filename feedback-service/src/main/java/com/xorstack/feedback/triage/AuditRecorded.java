package com.xorstack.feedback.triage;

import java.time.Instant;
import java.util.Map;

/**
 * The data of {@code com.xorstack.audit.recorded.v1} (schema:
 * {@code schemas/audit.recorded.v1.json} in platform) for a triage action. The note text
 * stays out of the audit trail, which keeps who and what, not what users wrote.
 */
record AuditRecorded(String actor, String action, String target, Instant at, Map<String, String> details) {

	static final String FEEDBACK_TRIAGED = "feedback.triaged";

	static AuditRecorded of(Triage triage) {
		Map<String, String> details = Map.of("previousStatus", triage.before().status().value(), "status",
				triage.after().status().value(), "previousPriority", triage.before().priority().value(), "priority",
				triage.after().priority().value(), "noteChanged", Boolean.toString(triage.noteChanged()), "version",
				Long.toString(triage.after().version()));
		return new AuditRecorded(triage.actor(), FEEDBACK_TRIAGED, target(triage), triage.at(), details);
	}

	static String target(Triage triage) {
		return "feedback/" + triage.after().id();
	}

}
