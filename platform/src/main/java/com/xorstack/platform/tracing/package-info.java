/**
 * W3C trace context where the OpenTelemetry agent cannot carry it by itself: into the
 * outbox row and out of it onto the Kafka record, and the trace id into problem
 * responses. Without the agent the OpenTelemetry API is a no-op and so is all of this.
 */
@NullMarked
package com.xorstack.platform.tracing;

import org.jspecify.annotations.NullMarked;
