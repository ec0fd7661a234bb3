/**
 * One {@code gateway.request.v1} event per request, for metrics-service. Events leave
 * through a bounded buffer drained in batches off the request path: a slow or absent
 * Kafka costs events (counted in {@code xorstack.gateway.request.events.dropped}), never
 * a request.
 */
@NullMarked
package com.xorstack.gateway.requestlog;

import org.jspecify.annotations.NullMarked;
