/**
 * App usage: {@code usage.events.v1} from Kafka and {@code POST /api/usage-events},
 * folded into events per day and kind and into activity; the usage analytics and the
 * heatmap read them back.
 */
@NullMarked
package com.xorstack.metrics.usage;

import org.jspecify.annotations.NullMarked;
