/**
 * Cross-cutting set-up of feedback-service: security with the shared role table, problem
 * responses, Kafka and the outbox.
 */
@NullMarked
package com.xorstack.feedback.system;

import org.jspecify.annotations.NullMarked;
