/**
 * What metrics-service knows of feedback: the current status of each item, folded from
 * {@code feedback.events.v1}, each event applied exactly once by its id.
 */
@NullMarked
package com.xorstack.metrics.feedback;

import org.jspecify.annotations.NullMarked;
