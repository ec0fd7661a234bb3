/**
 * {@code GET /api/admin/metrics/timeseries}: one metric over time, per minute, hour or
 * day, from the rollups (and gauge readings), with label filters.
 */
@NullMarked
package com.xorstack.metrics.timeseries;

import org.jspecify.annotations.NullMarked;
