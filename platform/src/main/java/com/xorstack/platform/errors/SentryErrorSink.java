package com.xorstack.platform.errors;

import java.util.Date;

import io.sentry.Sentry;
import io.sentry.SentryEvent;
import io.sentry.SentryLevel;
import io.sentry.SpanContext;
import io.sentry.SpanId;
import io.sentry.exception.ExceptionMechanismException;
import io.sentry.protocol.Mechanism;
import io.sentry.protocol.Request;
import io.sentry.protocol.SentryId;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.DisposableBean;

/**
 * Sends an unhandled error to Sentry as an event whose trace is the request's
 * OpenTelemetry trace, so that Sentry and the trace UI name the same id. Built from the
 * error alone, not from the SDK's scope (which a reactive request does not keep), with
 * the route instead of the path; {@link SentryScrubber} still checks it on the way out.
 * Built and sent off the event loop: the event's id is a random UUID (SecureRandom), and
 * the SDK's first capture looks up the host name.
 */
final class SentryErrorSink implements ErrorSink, DisposableBean {

	@Override
	public void report(UnhandledError error) {
		Schedulers.boundedElastic().schedule(() -> Sentry.captureEvent(event(error)));
	}

	static SentryEvent event(UnhandledError error) {
		SentryEvent event = new SentryEvent(Date.from(error.at()));
		Mechanism mechanism = new Mechanism();
		mechanism.setType("xorstack.web");
		mechanism.setHandled(false);
		event.setThrowable(new ExceptionMechanismException(mechanism, error.exception(), Thread.currentThread()));
		event.setLevel(SentryLevel.ERROR);
		event.setTag("route", error.route());
		event.setTag("status", Integer.toString(error.status()));
		event.setTag("http.method", error.method());
		event.setTransaction(error.method() + " " + error.route());
		Request request = new Request();
		request.setMethod(error.method());
		event.setRequest(request);
		if (error.traceId() != null) {
			event.setTag("trace_id", error.traceId());
			SpanId span = (error.spanId() != null) ? new SpanId(error.spanId()) : new SpanId();
			event.getContexts()
				.setTrace(new SpanContext(new SentryId(error.traceId()), span, "http.server", null, null));
		}
		return event;
	}

	/** Sends what is queued before the context goes. */
	@Override
	public void destroy() {
		Sentry.close();
	}

	@Override
	public String toString() {
		return "Sentry";
	}

}
