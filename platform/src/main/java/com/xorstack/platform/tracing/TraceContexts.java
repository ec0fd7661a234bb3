package com.xorstack.platform.tracing;

import java.util.HashMap;
import java.util.Map;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.jspecify.annotations.Nullable;

/**
 * The current span's W3C {@code traceparent} and trace id, and a context to continue a
 * trace from a stored {@code traceparent}. With the OpenTelemetry Java agent attached the
 * API is bridged to the agent's; without it no span is ever valid and every method
 * answers {@code null} or the root context.
 */
public final class TraceContexts {

	/** The W3C header, also the Kafka record header consumers continue the trace from. */
	public static final String TRACEPARENT = "traceparent";

	private static final TextMapGetter<Map<String, String>> MAP_GETTER = new TextMapGetter<>() {

		@Override
		public Iterable<String> keys(Map<String, String> carrier) {
			return carrier.keySet();
		}

		@Override
		public @Nullable String get(@Nullable Map<String, String> carrier, String key) {
			return (carrier != null) ? carrier.get(key) : null;
		}

	};

	private TraceContexts() {
	}

	/** Such as {@code 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01}. */
	public static @Nullable String currentTraceparent() {
		return traceparent(Context.current());
	}

	public static @Nullable String traceparent(Context context) {
		if (!Span.fromContext(context).getSpanContext().isValid()) {
			return null;
		}
		Map<String, String> carrier = new HashMap<>();
		W3CTraceContextPropagator.getInstance().inject(context, carrier, Map::put);
		return carrier.get(TRACEPARENT);
	}

	/** The 32 hex digits of the current trace, {@code null} outside one. */
	public static @Nullable String currentTraceId() {
		SpanContext span = Span.current().getSpanContext();
		return span.isValid() ? span.getTraceId() : null;
	}

	/**
	 * The context a stored {@code traceparent} names, to make current while work that
	 * belongs to that trace happens later; the root context when there is none or it is
	 * not valid.
	 */
	public static Context fromTraceparent(@Nullable String traceparent) {
		if (traceparent == null || traceparent.isBlank()) {
			return Context.root();
		}
		return W3CTraceContextPropagator.getInstance()
			.extract(Context.root(), Map.of(TRACEPARENT, traceparent), MAP_GETTER);
	}

}
