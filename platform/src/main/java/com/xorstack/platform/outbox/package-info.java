/**
 * The transactional outbox: a domain change and the event that tells of it commit
 * together in the service's own database, and a relay publishes committed events to Kafka
 * in order, at least once. Spring Modulith has no R2DBC event store, so this is the small
 * equivalent.
 */
@NullMarked
package com.xorstack.platform.outbox;

import org.jspecify.annotations.NullMarked;
