/**
 * System gauges a service measures of itself and publishes on {@code system.metrics.v1}:
 * the storage of each table of its own database ({@code storage.bytes} by kind), and the
 * cost of its SQL statements and connection pool ({@code db.statement.*} per normalised
 * statement, {@code db.pool.*}), which metrics-service stores beside the gauges that
 * clients post.
 */
@NullMarked
package com.xorstack.platform.gauges;

import org.jspecify.annotations.NullMarked;
