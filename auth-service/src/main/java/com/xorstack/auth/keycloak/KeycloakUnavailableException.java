package com.xorstack.auth.keycloak;

import java.time.Duration;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * Keycloak did not answer in time, answered with a server error, or its circuit is open:
 * 503 with {@code Retry-After}, and the caller may try again.
 */
public class KeycloakUnavailableException extends ErrorResponseException {

	KeycloakUnavailableException(String operation, Duration retryAfter, Throwable cause) {
		super(HttpStatus.SERVICE_UNAVAILABLE, problem(operation), cause);
		getHeaders().set(HttpHeaders.RETRY_AFTER, String.valueOf(Math.max(1, retryAfter.toSeconds())));
	}

	private static ProblemDetail problem(String operation) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"The identity provider is unavailable (" + operation + "); nothing was changed. Try again later.");
		problem.setTitle("Identity provider unavailable");
		return problem;
	}

}
