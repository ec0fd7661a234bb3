package com.xorstack.platform.events;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.UUID;

/**
 * A CloudEvent ready to leave a service: its id is the consumers' idempotency key, its
 * key orders the events of one aggregate within a partition.
 */
public record OutgoingEvent(UUID id, String type, URI source, OffsetDateTime time, String topic, String key,
		byte[] data) {
}
