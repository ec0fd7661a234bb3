package com.xorstack.metrics.activity;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** Someone did something at some time; either id may be unknown. */
public record Activity(Instant at, @Nullable String userId, @Nullable String sessionId) {
}
