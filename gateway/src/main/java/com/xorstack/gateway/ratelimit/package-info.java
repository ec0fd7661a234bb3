/**
 * Request rate limits per caller: token buckets kept in Redis, so that every gateway
 * instance shares them, or in this process when no Redis answers (local runs; said loudly
 * at start).
 */
@NullMarked
package com.xorstack.gateway.ratelimit;

import org.jspecify.annotations.NullMarked;
