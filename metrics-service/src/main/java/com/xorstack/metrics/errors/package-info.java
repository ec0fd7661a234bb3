/**
 * The suite's own errors: each service's unhandled exceptions as they arrive on
 * {@code system.metrics.v1} ({@code com.xorstack.system.error.v1}), stored by class and
 * route, and answered by {@code GET /api/admin/errors} for the console's Errors view.
 */
@NullMarked
package com.xorstack.metrics.errors;

import org.jspecify.annotations.NullMarked;
