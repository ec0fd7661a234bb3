/**
 * Time limits, circuit breakers and retries around every route (configured in
 * {@code application.yml}), and the problem bodies with {@code Retry-After} that a caller
 * gets when a service is down, slow or fenced off by an open breaker.
 */
@NullMarked
package com.xorstack.gateway.resilience;

import org.jspecify.annotations.NullMarked;
