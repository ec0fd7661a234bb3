package com.xorstack.metrics.rollup;

import java.math.RoundingMode;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

import org.springframework.r2dbc.core.DatabaseClient;

/**
 * The sums and sketch of aggregates bound as parallel text arrays, one element per row,
 * for the {@code update ... from unnest(...)} statements that add a batch to the rollup
 * tables: {@code :calls}, {@code :errors}, {@code :durationSums}, {@code :timedCalls},
 * {@code :inputTokens}, {@code :outputTokens}, {@code :costs}, {@code :unpriced} and
 * {@code :sketches} (base64).
 */
final class AggregateColumns {

	private AggregateColumns() {
	}

	static DatabaseClient.GenericExecuteSpec bindSums(DatabaseClient.GenericExecuteSpec spec, List<Aggregate> sums) {
		Base64.Encoder base64 = Base64.getEncoder();
		return spec.bind("calls", column(sums, (a) -> Long.toString(a.calls)))
			.bind("errors", column(sums, (a) -> Long.toString(a.errors)))
			.bind("durationSums", column(sums, (a) -> Double.toString(a.durationSumMs)))
			.bind("timedCalls", column(sums, (a) -> Long.toString(a.timedCalls)))
			.bind("inputTokens", column(sums, (a) -> Long.toString(a.inputTokens)))
			.bind("outputTokens", column(sums, (a) -> Long.toString(a.outputTokens)))
			.bind("costs", column(sums, (a) -> a.costUsd.setScale(8, RoundingMode.HALF_UP).toPlainString()))
			.bind("unpriced", column(sums, (a) -> Long.toString(a.unpricedCalls)))
			.bind("sketches", column(sums, (a) -> base64.encodeToString(Sketches.encode(a.sketch))));
	}

	static <T> String[] column(List<T> rows, Function<T, String> value) {
		return rows.stream().map(value).toArray(String[]::new);
	}

}
