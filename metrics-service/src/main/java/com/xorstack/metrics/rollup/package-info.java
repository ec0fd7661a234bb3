/**
 * Rollups per minute and per hour: counts, errors, tokens, cost and a mergeable DDSketch
 * of durations per kind (api, ai, dashboard) and labels, written once per event batch and
 * read by merging buckets, never raw rows. Owns the partitions and their retention.
 */
@NullMarked
package com.xorstack.metrics.rollup;

import org.jspecify.annotations.NullMarked;
