/**
 * System gauges (storage bytes by kind, database query time, ...) from
 * {@code system.metrics.v1} and {@code POST /api/system-metrics}, kept as readings and
 * read back as time series.
 */
@NullMarked
package com.xorstack.metrics.gauge;

import org.jspecify.annotations.NullMarked;
