package com.xorstack.metrics.ingest;

import java.util.List;

/**
 * The answer of an ingest endpoint: how many items were new, how many were seen before,
 * and why each rejected item was rejected.
 */
public record IngestResult(int accepted, int duplicates, List<Rejection> rejected) {

	public record Rejection(int index, List<FieldError> errors) {
	}

	public record FieldError(String field, String message) {
	}

}
