package com.xorstack.platform.web;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A request parameter, header or body field with a value the API does not accept: 400
 * with a problem body whose {@code errors} name the field.
 */
public class InvalidParameterException extends ErrorResponseException {

	public InvalidParameterException(String field, String message) {
		super(HttpStatus.BAD_REQUEST, problem(field, message), null);
	}

	private static ProblemDetail problem(String field, String message) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + " " + message);
		problem.setTitle("Invalid request");
		problem.setProperty("errors", List.of(Map.of("field", field, "message", message)));
		return problem;
	}

}
