package com.xorstack.platform.web;

import java.nio.charset.StandardCharsets;

import reactor.core.publisher.Mono;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;

import com.xorstack.platform.tracing.TraceContexts;

/**
 * Writes a problem body by hand. Security handlers and web filters run before the codecs
 * a controller would use are in play, and their answers must look the same as a
 * controller's.
 */
public final class ProblemResponses {

	private ProblemResponses() {
	}

	public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String detail) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.empty();
		}
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		String traceId = TraceContexts.currentTraceId();
		String body = "{\"type\":\"about:blank\",\"title\":" + quote(status.getReasonPhrase()) + ",\"status\":"
				+ status.value() + ",\"detail\":" + quote(detail) + ",\"instance\":"
				+ quote(exchange.getRequest().getPath().value())
				+ ((traceId != null) ? ",\"" + ApiProblemHandler.TRACE_ID + "\":" + quote(traceId) : "") + "}";
		DataBuffer buffer = response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8));
		return response.writeWith(Mono.just(buffer));
	}

	/**
	 * A 400-style problem naming the field, as {@link InvalidParameterException} answers
	 * from a controller: {@code title}, {@code detail} and {@code errors[{field,
	 * message}]}.
	 */
	public static Mono<Void> write(ServerWebExchange exchange, HttpStatus status, String title, String field,
			String message) {
		ServerHttpResponse response = exchange.getResponse();
		if (response.isCommitted()) {
			return Mono.empty();
		}
		response.setStatusCode(status);
		response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
		String body = "{\"type\":\"about:blank\",\"title\":" + quote(title) + ",\"status\":" + status.value()
				+ ",\"detail\":" + quote(field + " " + message) + ",\"instance\":"
				+ quote(exchange.getRequest().getPath().value()) + ",\"errors\":[{\"field\":" + quote(field)
				+ ",\"message\":" + quote(message) + "}]}";
		DataBuffer buffer = response.bufferFactory().wrap(body.getBytes(StandardCharsets.UTF_8));
		return response.writeWith(Mono.just(buffer));
	}

	static String quote(String value) {
		StringBuilder quoted = new StringBuilder(value.length() + 2).append('"');
		for (char c : value.toCharArray()) {
			switch (c) {
				case '"' -> quoted.append("\\\"");
				case '\\' -> quoted.append("\\\\");
				default -> {
					if (c < 0x20) {
						quoted.append(String.format("\\u%04x", (int) c));
					}
					else {
						quoted.append(c);
					}
				}
			}
		}
		return quoted.append('"').toString();
	}

}
