package com.xorstack.platform.errors;

import java.time.Clock;
import java.util.List;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.ErrorResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.DisconnectedClientHelper;

/**
 * Reports each request that ended in an error of ours, once: either the problem handler
 * answered it with a 500 and left the exception in {@link #EXCEPTION_ATTRIBUTE} (the
 * services), or the error passed every filter on its way to the exception handlers (the
 * gateway, and failures outside a controller). Errors with a status below 500 are the
 * client's, a client that went away is no error, and {@link ExpectedErrors} are answered
 * on purpose: none of these is reported.
 * <p>
 * The trace is read when the request enters, where the agent's server span is current;
 * later callbacks may run on another thread without it.
 */
public final class UnhandledErrorWebFilter implements WebFilter, Ordered {

	/** Where the problem handler leaves an exception it answered with a 500. */
	public static final String EXCEPTION_ATTRIBUTE = UnhandledErrorWebFilter.class.getName() + ".exception";

	/** Early, so that it sees what the security filters fail with too. */
	static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

	private static final Logger log = LoggerFactory.getLogger(UnhandledErrorWebFilter.class);

	private final List<ErrorSink> sinks;

	private final ErrorRoute route;

	private final ExpectedErrors expected;

	private final String service;

	private final Clock clock;

	UnhandledErrorWebFilter(List<ErrorSink> sinks, ErrorRoute route, ExpectedErrors expected, String service,
			Clock clock) {
		this.sinks = List.copyOf(sinks);
		this.route = route;
		this.expected = expected;
		this.service = service;
		this.clock = clock;
	}

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return Mono.defer(() -> {
			SpanContext span = Span.current().getSpanContext();
			return chain.filter(exchange)
				.doOnError((ex) -> escaped(exchange, ex, span))
				.doOnSuccess((done) -> answered(exchange, span));
		});
	}

	private void answered(ServerWebExchange exchange, SpanContext span) {
		Throwable ex = exchange.getAttribute(EXCEPTION_ATTRIBUTE);
		if (ex != null) {
			HttpStatusCode status = exchange.getResponse().getStatusCode();
			report(exchange, ex, (status != null) ? status.value() : 500, span);
		}
	}

	private void escaped(ServerWebExchange exchange, Throwable ex, SpanContext span) {
		int status = (ex instanceof ErrorResponse response) ? response.getStatusCode().value() : 500;
		if (status >= 500 && !DisconnectedClientHelper.isClientDisconnectedException(ex)
				&& !this.expected.isExpected(ex) && exchange.getAttribute(EXCEPTION_ATTRIBUTE) == null) {
			report(exchange, ex, status, span);
		}
	}

	private void report(ServerWebExchange exchange, Throwable ex, int status, SpanContext span) {
		UnhandledError error = new UnhandledError(ex, this.service, this.route.of(exchange),
				exchange.getRequest().getMethod().name(), status, valid(span, span.getTraceId()),
				valid(span, span.getSpanId()), this.clock.instant());
		for (ErrorSink sink : this.sinks) {
			try {
				sink.report(error);
			}
			catch (RuntimeException failure) {
				log.warn("An unhandled error was not reported to {}: {}", sink, failure.toString());
			}
		}
	}

	private static @Nullable String valid(SpanContext span, String id) {
		return span.isValid() ? id : null;
	}

}
