/**
 * Uptime monitoring: admin-defined HTTP and TCP checks and the suite's built-in checks,
 * run on their interval by whichever replica claims them first, through the outbound
 * guard; their results, daily counts, incidents (from the N-th consecutive failure until
 * the next success), uptime percentages, MTTR and MTBF, and the values alert rules read.
 */
@NullMarked
package com.xorstack.metrics.uptime;

import org.jspecify.annotations.NullMarked;
