/**
 * The admin dashboard: one summary of the suite's health over a window, answered once or
 * pushed as Server-Sent Events.
 */
@NullMarked
package com.xorstack.metrics.dashboard;

import org.jspecify.annotations.NullMarked;
