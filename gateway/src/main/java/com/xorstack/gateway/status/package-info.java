/**
 * The public status page at {@code /status}: static files that read metrics-service's
 * {@code /api/status} (served only where {@code xorstack.uptime.public-status} is on).
 */
@NullMarked
package com.xorstack.gateway.status;

import org.jspecify.annotations.NullMarked;
