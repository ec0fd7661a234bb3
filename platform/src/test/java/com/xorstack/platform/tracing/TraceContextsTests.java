package com.xorstack.platform.tracing;

import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Without the agent the OpenTelemetry API is a no-op, yet a stored traceparent must still
 * travel from the outbox row onto the Kafka record unchanged.
 */
class TraceContextsTests {

	private static final String TRACEPARENT = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

	@Test
	void aStoredTraceparentBecomesTheContextItNames() {
		Context context = TraceContexts.fromTraceparent(TRACEPARENT);
		assertThat(TraceContexts.traceparent(context)).isEqualTo(TRACEPARENT);
		try (Scope scope = context.makeCurrent()) {
			assertThat(TraceContexts.currentTraceId()).isEqualTo("4bf92f3577b34da6a3ce929d0e0e4736");
			assertThat(TraceContexts.currentTraceparent()).isEqualTo(TRACEPARENT);
		}
	}

	@Test
	void outsideATraceThereIsNoTraceIdAndNoTraceparent() {
		assertThat(TraceContexts.currentTraceId()).isNull();
		assertThat(TraceContexts.currentTraceparent()).isNull();
	}

	@Test
	void aMissingOrMalformedTraceparentContinuesNoTrace() {
		assertThat(TraceContexts.traceparent(TraceContexts.fromTraceparent(null))).isNull();
		assertThat(TraceContexts.traceparent(TraceContexts.fromTraceparent(""))).isNull();
		assertThat(TraceContexts.traceparent(TraceContexts.fromTraceparent("00-not-a-trace-01"))).isNull();
		assertThat(TraceContexts
			.traceparent(TraceContexts.fromTraceparent("00-00000000000000000000000000000000-00f067aa0ba902b7-01")))
			.isNull();
	}

}
