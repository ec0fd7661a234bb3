/**
 * Unhandled errors of a service's requests: one {@link UnhandledErrorWebFilter} notices
 * them (what the problem handler answered with a 500, or what escaped to the exception
 * handlers) and hands each to the {@link ErrorSink}s: Sentry when {@code SENTRY_DSN} is
 * set, scrubbed of anything personal by {@link SentryScrubber}, and the suite's own count
 * on {@code system.metrics.v1} ({@code com.xorstack.system.error.v1}) for the console's
 * Errors view.
 */
@NullMarked
package com.xorstack.platform.errors;

import org.jspecify.annotations.NullMarked;
