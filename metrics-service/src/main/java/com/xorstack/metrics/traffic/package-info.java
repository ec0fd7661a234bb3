/**
 * Gateway requests and recorded AI calls from Kafka into the rollups and activity, in
 * batches, each event applied once by its id.
 */
@NullMarked
package com.xorstack.metrics.traffic;

import org.jspecify.annotations.NullMarked;
