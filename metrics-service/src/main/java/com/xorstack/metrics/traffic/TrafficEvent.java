package com.xorstack.metrics.traffic;

import java.util.List;

import org.jspecify.annotations.Nullable;

import com.xorstack.metrics.activity.Activity;
import com.xorstack.metrics.rollup.Observation;

/**
 * What one event adds: rollup observations, maybe someone's activity, and for a traced
 * gateway request, the request as a candidate for the slowest.
 */
record TrafficEvent(List<Observation> observations, Activity activity, @Nullable SlowRequest request) {
}
