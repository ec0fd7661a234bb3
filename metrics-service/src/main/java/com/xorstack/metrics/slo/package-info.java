/**
 * Service level objectives: the targets table (the seed's defaults, changed by admins),
 * and each target's current value and status over a window, from the rollups.
 */
@NullMarked
package com.xorstack.metrics.slo;

import org.jspecify.annotations.NullMarked;
