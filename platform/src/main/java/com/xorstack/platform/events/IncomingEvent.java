package com.xorstack.platform.events;

import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * A CloudEvent read from a Kafka record in binary mode.
 */
public record IncomingEvent(String id, String type, String source, @Nullable OffsetDateTime time, byte[] data) {
}
