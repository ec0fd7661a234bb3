/**
 * metrics-service: what the admin dashboard shows. Consumes the suite's events, keeps
 * rollups, analytics, alert rules and SLOs in the {@code metrics} database.
 */
@NullMarked
package com.xorstack.metrics;

import org.jspecify.annotations.NullMarked;
