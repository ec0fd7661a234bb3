/**
 * Alerting: admin-managed threshold rules over the rollup metrics and system gauges, an
 * evaluator that moves each rule through inactive, pending, firing and resolved, the
 * stored history of those changes with acknowledgement, silences, and the delivery of one
 * notification per change to each receiver (webhook, Slack, Discord) through
 * Resilience4j.
 */
@NullMarked
package com.xorstack.metrics.alerting;

import org.jspecify.annotations.NullMarked;
