package com.xorstack.metrics.traffic;

import java.util.List;

import com.xorstack.metrics.activity.Activity;
import com.xorstack.metrics.rollup.Observation;

/** What one event adds: rollup observations and, maybe, someone's activity. */
record TrafficEvent(List<Observation> observations, Activity activity) {
}
