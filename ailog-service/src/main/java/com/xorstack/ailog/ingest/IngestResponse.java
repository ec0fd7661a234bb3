package com.xorstack.ailog.ingest;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The 202 answer of {@code POST /api/ai-logs}: how many events were stored now, how many
 * had been stored before (absorbed by their id), and each rejected event with its index
 * in the batch, its id when it had a readable one, and what is wrong with it.
 */
record IngestResponse(int accepted, int duplicates, List<Rejection> rejected) {

	record Rejection(int index, @Nullable String id, List<FieldProblem> errors) {
	}

}
