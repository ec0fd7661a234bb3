package com.xorstack.gateway.edge;

import java.util.concurrent.atomic.AtomicLong;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import com.xorstack.platform.web.ProblemResponses;

/**
 * Refuses a body over the limit with 413. A declared {@code Content-Length} is refused
 * before anything is read; a chunked body is counted as it streams and cut off where it
 * crosses the limit. Runs before security so an anonymous flood is cut off as early.
 */
final class RequestSizeWebFilter implements WebFilter, Ordered {

	private final long limit;

	RequestSizeWebFilter(long limit) {
		this.limit = limit;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE + 10;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		long declared = exchange.getRequest().getHeaders().getContentLength();
		if (declared > this.limit) {
			return tooLarge(exchange);
		}
		ServerWebExchange counted = exchange.mutate().request(new Counting(exchange.getRequest())).build();
		return chain.filter(counted).onErrorResume(RequestSizeWebFilter::causedByTooLarge, (ex) -> tooLarge(exchange));
	}

	private Mono<Void> tooLarge(ServerWebExchange exchange) {
		return ProblemResponses.write(exchange, HttpStatus.CONTENT_TOO_LARGE,
				"The request body is larger than " + this.limit + " bytes.");
	}

	private static boolean causedByTooLarge(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof RequestBodyTooLargeException) {
				return true;
			}
		}
		return false;
	}

	private final class Counting extends ServerHttpRequestDecorator {

		Counting(ServerHttpRequest delegate) {
			super(delegate);
		}

		@Override
		public Flux<DataBuffer> getBody() {
			AtomicLong seen = new AtomicLong();
			return super.getBody().handle((buffer, sink) -> {
				if (seen.addAndGet(buffer.readableByteCount()) > RequestSizeWebFilter.this.limit) {
					DataBufferUtils.release(buffer);
					sink.error(new RequestBodyTooLargeException(RequestSizeWebFilter.this.limit));
				}
				else {
					sink.next(buffer);
				}
			});
		}

	}

}
