/**
 * Database query performance of every service, from the {@code db.statement.*} and
 * {@code db.pool.*} gauges each service publishes of itself: the slowest statements by
 * p95 and by total time, and the use of each connection pool, over a window.
 */
@NullMarked
package com.xorstack.metrics.database;

import org.jspecify.annotations.NullMarked;
