/**
 * Cross-cutting set-up of metrics-service: security with the shared role table, problem
 * responses, and Kafka listeners with one dead-letter error handler.
 */
@NullMarked
package com.xorstack.metrics.system;

import org.jspecify.annotations.NullMarked;
