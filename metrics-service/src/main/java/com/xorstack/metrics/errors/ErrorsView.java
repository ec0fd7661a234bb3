package com.xorstack.metrics.errors;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The answer of {@code GET /api/admin/errors}: {@code series} (errors per {@code step}
 * bucket, service and exception class), {@code groups} (per service, route, status and
 * class, with the newest occurrence's trace) and {@code items} (the newest occurrences).
 */
record ErrorsView(Instant from, Instant to, String step, List<Bucket> series, List<Group> groups,
		List<Occurrence> items) {

	record Query(Instant from, Instant to, Duration step, @Nullable String service, int limit) {
	}

	record Bucket(Instant at, String service, String exceptionType, long errors) {
	}

	record Group(String service, String route, int status, String exceptionType, long errors, Instant lastAt,
			@Nullable String lastTraceId) {
	}

	record Occurrence(Instant at, String service, String route, String method, int status, String exceptionType,
			@Nullable String traceId) {
	}

}
