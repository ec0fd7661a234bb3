package com.xorstack.metrics.rollup;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.datadoghq.sketch.ddsketch.DDSketch;
import org.jspecify.annotations.Nullable;

/**
 * Folds the rows of a series, in bucket order, into one point per bucket holding its sums
 * and the one quantile asked for. A point of one timed row read without its sketch takes
 * that row's stored quantile. Otherwise the sketches read (a row's bytes may hold several
 * encodings, when the reader's query summed a bucket's rows) merge into one scratch
 * sketch, which answers the quantile and is cleared for the next point, so no sketch is
 * built per point.
 */
final class SeriesPoints {

	private SeriesPoints() {
	}

	static Map<Instant, Aggregate> of(List<RollupRow> rows, @Nullable Double quantile) {
		Map<Instant, Aggregate> points = new TreeMap<>();
		DDSketch scratch = Sketches.empty();
		int start = 0;
		for (int i = 1; i <= rows.size(); i++) {
			if (i == rows.size() || !rows.get(i).bucket().equals(rows.get(start).bucket())) {
				points.put(rows.get(start).bucket(), point(rows.subList(start, i), quantile, scratch));
				start = i;
			}
		}
		return points;
	}

	private static Aggregate point(List<RollupRow> rows, @Nullable Double quantile, DDSketch scratch) {
		Aggregate point = new Aggregate();
		List<RollupRow> timed = new ArrayList<>(rows.size());
		for (RollupRow row : rows) {
			row.addSumsTo(point);
			if (row.timedCalls() > 0) {
				timed.add(row);
			}
		}
		if (quantile == null) {
			point.answerOnly(Double.NaN, null);
		}
		else if (timed.isEmpty()) {
			point.answerOnly(quantile, null);
		}
		else if (timed.size() == 1 && timed.get(0).sketch() == null) {
			point.answerOnly(quantile, timed.get(0).stored());
		}
		else {
			for (RollupRow row : timed) {
				byte[] sketch = row.sketch();
				if (sketch == null) {
					throw new IllegalStateException("A point of several rows was read without their sketches");
				}
				Sketches.mergeInto(scratch, sketch);
			}
			point.answerOnly(quantile, scratch.getValueAtQuantile(quantile));
			scratch.clear();
		}
		return point;
	}

}
