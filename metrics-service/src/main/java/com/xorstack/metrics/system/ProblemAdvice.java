package com.xorstack.metrics.system;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.ServerWebExchange;

import com.xorstack.platform.web.ApiProblemHandler;

/**
 * The shared problem responses, always as {@code application/problem+json}: a client of
 * the dashboard stream asks for {@code text/event-stream} only, and would otherwise get
 * its 400 as an event.
 */
@RestControllerAdvice
class ProblemAdvice extends ApiProblemHandler {

	@Override
	protected Mono<ResponseEntity<Object>> createResponseEntity(@Nullable Object body, @Nullable HttpHeaders headers,
			HttpStatusCode status, ServerWebExchange exchange) {
		if (!(body instanceof ProblemDetail)) {
			return super.createResponseEntity(body, headers, status, exchange);
		}
		HttpHeaders problemHeaders = new HttpHeaders();
		if (headers != null) {
			problemHeaders.addAll(headers);
		}
		problemHeaders.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		return Mono.just(new ResponseEntity<>(body, problemHeaders, status));
	}

}
