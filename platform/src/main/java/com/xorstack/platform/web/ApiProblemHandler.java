package com.xorstack.platform.web;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.reactive.result.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.util.DisconnectedClientHelper;

import com.xorstack.platform.errors.UnhandledErrorWebFilter;
import com.xorstack.platform.tracing.TraceContexts;

/**
 * The problem responses every service gives for bad input, registered as each service's
 * one {@code @RestControllerAdvice}: a 400 names the offending field in {@code errors},
 * an oversize body is a 413, and nothing unexpected leaks as anything but a plain 500
 * problem, which the {@code errors} package reports.
 */
public class ApiProblemHandler extends ResponseEntityExceptionHandler {

	/** The problem property with the W3C trace id, as Jaeger shows and searches it. */
	public static final String TRACE_ID = "traceId";

	private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

	@Override
	protected Mono<ResponseEntity<Object>> handleWebExchangeBindException(WebExchangeBindException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		List<Map<String, String>> errors = ex.getFieldErrors().stream().map(ApiProblemHandler::fieldError).toList();
		ProblemDetail problem = invalid(errors.isEmpty() ? "The request is not valid."
				: errors.get(0).get("field") + " " + errors.get(0).get("message"), errors);
		return Mono.just(ResponseEntity.badRequest().body(problem));
	}

	@Override
	protected Mono<ResponseEntity<Object>> handleServerWebInputException(ServerWebInputException ex,
			HttpHeaders headers, HttpStatusCode status, ServerWebExchange exchange) {
		if (causeOf(ex, DataBufferLimitException.class) != null) {
			return Mono.just(tooLarge());
		}
		JacksonException json = causeOf(ex, JacksonException.class);
		if (json != null) {
			return Mono.just(ResponseEntity.badRequest().body(jsonProblem(json)));
		}
		String field = (ex.getMethodParameter() != null) ? ex.getMethodParameter().getParameterName() : null;
		String reason = (ex.getReason() != null) ? ex.getReason() : "The request is not valid.";
		ProblemDetail problem = invalid(reason,
				(field != null) ? List.of(Map.of("field", field, "message", reason)) : List.of());
		return Mono.just(ResponseEntity.badRequest().body(problem));
	}

	/**
	 * Every problem the base class makes (domain {@code ErrorResponseException}s too)
	 * carries the trace id, so that a user's report leads to the trace.
	 */
	@Override
	protected Mono<ResponseEntity<Object>> createResponseEntity(@Nullable Object body, @Nullable HttpHeaders headers,
			HttpStatusCode status, ServerWebExchange exchange) {
		if (body instanceof ProblemDetail problem) {
			withTraceId(problem);
		}
		return super.createResponseEntity(body, headers, status, exchange);
	}

	@ExceptionHandler(DataBufferLimitException.class)
	ResponseEntity<Object> handleTooLarge(DataBufferLimitException ex) {
		return tooLarge();
	}

	/**
	 * A 500 problem, and the error logged; but a client that went away (a closed browser
	 * tab under a live stream, say) is no error of ours: it is logged at debug and
	 * answered with nothing, there being no one left to read it.
	 */
	@ExceptionHandler(Exception.class)
	Mono<ResponseEntity<Object>> handleUnexpected(Exception ex, ServerWebExchange exchange) {
		if (DisconnectedClientHelper.isClientDisconnectedException(ex)) {
			log.debug("The client went away: {}", ex.toString());
			return Mono.empty();
		}
		log.error("Unexpected error", ex);
		// reported (Sentry, the Errors view) once the answer is out
		exchange.getAttributes().put(UnhandledErrorWebFilter.EXCEPTION_ATTRIBUTE, ex);
		ProblemDetail problem = withTraceId(ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"Something went wrong on our side; it has been logged."));
		return Mono.just(ResponseEntity.internalServerError().body(problem));
	}

	static ProblemDetail jsonProblem(JacksonException json) {
		String field = path(json);
		String message;
		if (json instanceof UnrecognizedPropertyException) {
			message = "is not a field of this request";
		}
		else if (json instanceof UnstorableTextException) {
			message = UnstorableTextException.MESSAGE;
		}
		else if (field.isEmpty()) {
			message = "is not valid JSON";
		}
		else {
			message = "has a value of the wrong type or format";
		}
		String name = field.isEmpty() ? "body" : field;
		return invalid(name + " " + message, List.of(Map.of("field", name, "message", message)));
	}

	static String path(JacksonException json) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : json.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

	private static ResponseEntity<Object> tooLarge() {
		ProblemDetail problem = withTraceId(ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE,
				"The request body is larger than this API accepts."));
		return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(problem);
	}

	private static ProblemDetail invalid(String detail, List<Map<String, String>> errors) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, detail);
		problem.setTitle("Invalid request");
		problem.setProperty("errors", errors);
		return withTraceId(problem);
	}

	/**
	 * Adds {@code traceId} when a span is current (the OpenTelemetry agent is attached).
	 */
	static ProblemDetail withTraceId(ProblemDetail problem) {
		String traceId = TraceContexts.currentTraceId();
		if (traceId != null && (problem.getProperties() == null || !problem.getProperties().containsKey(TRACE_ID))) {
			problem.setProperty(TRACE_ID, traceId);
		}
		return problem;
	}

	private static Map<String, String> fieldError(FieldError error) {
		String message = (error.getDefaultMessage() != null) ? error.getDefaultMessage() : "is not valid";
		return Map.of("field", error.getField(), "message", message);
	}

	private static <T extends Throwable> @Nullable T causeOf(Throwable ex, Class<T> type) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		return null;
	}

}
