package com.xorstack.feedback.triage;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

import com.xorstack.feedback.submission.Feedback;
import com.xorstack.feedback.submission.Status;

/**
 * The problems particular to triage, each naming what the client has to fix.
 */
final class TriageProblems {

	private TriageProblems() {
	}

	static ErrorResponseException notFound() {
		return problem(HttpStatus.NOT_FOUND, "No such feedback", null, null);
	}

	static ErrorResponseException ifMatchRequired() {
		return problem(HttpStatus.PRECONDITION_REQUIRED,
				"A change needs If-Match with the ETag of the feedback as last read.", "If-Match", "is required");
	}

	static ErrorResponseException ifMatchMalformed() {
		return problem(HttpStatus.BAD_REQUEST, "If-Match must be an ETag such as \"3\".", "If-Match",
				"must be an ETag such as \"3\"");
	}

	static ErrorResponseException stale(Feedback current) {
		ErrorResponseException ex = problem(HttpStatus.PRECONDITION_FAILED,
				"The feedback changed since you read it; it is now at version " + current.version() + ".", "If-Match",
				"does not match the current version");
		ex.getHeaders().setETag(TriageController.etag(current.version()));
		return ex;
	}

	static ErrorResponseException illegalTransition(Status from, Status to) {
		return problem(HttpStatus.CONFLICT, "Feedback cannot go from " + from.value() + " to " + to.value() + ".",
				"status", "cannot change from " + from.value() + " to " + to.value() + "; allowed: "
						+ Transitions.next(from).stream().map(Status::value).sorted().toList());
	}

	static ErrorResponseException emptyChange() {
		return problem(HttpStatus.BAD_REQUEST, "Send at least one of status, priority and note.", "body",
				"must contain at least one of status, priority, note");
	}

	private static ErrorResponseException problem(HttpStatus status, String detail, @Nullable String field,
			@Nullable String message) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		if (field != null && message != null) {
			problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
		}
		return new ErrorResponseException(status, problem, null);
	}

}
