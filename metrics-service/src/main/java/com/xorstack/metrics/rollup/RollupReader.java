package com.xorstack.metrics.rollup;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Answers windows and time series from the rollups alone. A window reads whole days, the
 * hours around them and minute edges ({@link ReadPlan}) in one statement and merges their
 * sketches in Java. A time series reads one row per step: PostgreSQL adds up the rows its
 * labels leave in the step, and a step of one row answers from that row's stored
 * quantile, so only steps of several rows send sketches to be decoded.
 */
@Repository
public class RollupReader {

	private static final String SUMS = "bucket, calls, errors, duration_sum_ms, timed_calls, input_tokens,"
			+ " output_tokens, cost_usd, unpriced_calls";

	/** {@link #SUMS} of all the rows of a bucket, with the types of one row. */
	private static final String SUMS_OF_BUCKET = "bucket, cast(sum(calls) as bigint) as calls,"
			+ " cast(sum(errors) as bigint) as errors, sum(duration_sum_ms) as duration_sum_ms,"
			+ " cast(sum(timed_calls) as bigint) as timed_calls, cast(sum(input_tokens) as bigint) as input_tokens,"
			+ " cast(sum(output_tokens) as bigint) as output_tokens, sum(cost_usd) as cost_usd,"
			+ " cast(sum(unpriced_calls) as bigint) as unpriced_calls";

	/** How many rows of a bucket have a latency, and so a sketch. */
	private static final String TIMED_ROWS = "count(*) filter (where timed_calls > 0)";

	private static final List<String> SUMMARY_KINDS = List.of(Observation.API, Observation.AI, Observation.DASHBOARD);

	private final DatabaseClient db;

	private final RollupProperties properties;

	private final Clock clock;

	RollupReader(DatabaseClient db, RollupProperties properties, Clock clock) {
		this.db = db;
		this.properties = properties;
		this.clock = clock;
	}

	/** API requests, AI calls and dashboard loads of a window, without label filters. */
	public Mono<WindowFigures> figures(Instant from, Instant to) {
		return window(SUMMARY_KINDS, Labels.NONE, from, to).map((kinds) -> new WindowFigures(from, to,
				kinds.get(Observation.API), kinds.get(Observation.AI), kinds.get(Observation.DASHBOARD)));
	}

	public Mono<Aggregate> aggregate(String kind, Labels labels, Instant from, Instant to) {
		return window(List.of(kind), labels, from, to).map((kinds) -> kinds.get(kind));
	}

	/**
	 * One aggregate per step from the table of that step's width (UTC days for
	 * {@code 1d}); steps without data are absent. {@code quantile} is the one quantile
	 * the caller will ask the points for, {@code null} for none: then no sketch is read
	 * at all, and a point of a single row answers it from the row's stored column.
	 */
	public Mono<Map<Instant, Aggregate>> series(String kind, Labels labels, Instant from, Instant to, Duration step,
			@Nullable Double quantile) {
		Granularity granularity = step.equals(Duration.ofMinutes(1)) ? Granularity.MINUTE
				: step.equals(Duration.ofHours(1)) ? Granularity.HOUR : Granularity.DAY;
		// without labels a bucket is the one row whose labels are all '*'
		boolean severalPerBucket = !labels.none();
		StringBuilder sql = new StringBuilder("select ").append(severalPerBucket ? SUMS_OF_BUCKET : SUMS)
			.append(", ")
			.append(severalPerBucket ? quantileColumnsOfBucket(quantile) : quantileColumns(quantile))
			.append(" from ")
			.append(granularity.table())
			.append(" where kind = :kind")
			.append(labelFilter(labels))
			.append(" and bucket >= :from and bucket < :to")
			.append(severalPerBucket ? " group by bucket" : "")
			.append(" order by bucket");
		DatabaseClient.GenericExecuteSpec spec = bindLabels(this.db.sql(sql.toString()), labels).bind("kind", kind)
			.bind("from", granularity.bucket(from).atOffset(ZoneOffset.UTC))
			.bind("to", to.atOffset(ZoneOffset.UTC));
		return spec.map((row) -> new RollupRow(row, row.get("stored", Double.class)))
			.all()
			.collectList()
			.map((rows) -> SeriesPoints.of(rows, quantile));
	}

	/**
	 * Minute buckets before this may be gone: retention drops a day of them only once the
	 * whole day is past it.
	 */
	public Instant minuteHorizon() {
		return this.clock.instant().minus(this.properties.minuteRollups()).truncatedTo(ChronoUnit.DAYS);
	}

	/**
	 * A row's stored quantile, and its sketch only where it lacks the column (a row
	 * written before it existed).
	 */
	private static String quantileColumns(@Nullable Double quantile) {
		if (quantile == null) {
			return "cast(null as double precision) as stored, cast(null as bytea) as sketch";
		}
		String stored = Sketches.storedColumn(quantile);
		if (stored == null) {
			return "cast(null as double precision) as stored, sketch";
		}
		return stored + " as stored, case when timed_calls > 0 and " + stored + " is null then sketch end as sketch";
	}

	/**
	 * The stored quantile of a bucket's one timed row, and the sketches only where they
	 * are needed: for a bucket of several timed rows (a label filter that leaves
	 * several), or a row without the column. A bucket's sketches come as one value, their
	 * encodings one after the other, which decodes as their merge
	 * ({@link Sketches#mergeInto}).
	 */
	private static String quantileColumnsOfBucket(@Nullable Double quantile) {
		if (quantile == null) {
			return "cast(null as double precision) as stored, cast(null as bytea) as sketch";
		}
		String sketches = "string_agg(sketch, ''::bytea) filter (where timed_calls > 0)";
		String stored = Sketches.storedColumn(quantile);
		if (stored == null) {
			return "cast(null as double precision) as stored, " + sketches + " as sketch";
		}
		String storedOfTimed = "max(" + stored + ") filter (where timed_calls > 0)";
		return "case when " + TIMED_ROWS + " = 1 then " + storedOfTimed + " end as stored, case when " + TIMED_ROWS
				+ " > 1 or " + storedOfTimed + " is null then " + sketches + " end as sketch";
	}

	/** Every segment of the window's plan, all kinds, in one statement. */
	private Mono<Map<String, Aggregate>> window(List<String> kinds, Labels labels, Instant from, Instant to) {
		List<ReadPlan.Segment> segments = ReadPlan.of(from, to, minuteHorizon()).segments();
		Mono<Map<String, Aggregate>> empty = Mono.fromSupplier(() -> {
			Map<String, Aggregate> byKind = new LinkedHashMap<>();
			kinds.forEach((kind) -> byKind.put(kind, new Aggregate()));
			return byKind;
		});
		if (segments.isEmpty()) {
			return empty;
		}
		StringBuilder sql = new StringBuilder();
		for (int i = 0; i < segments.size(); i++) {
			sql.append((i > 0) ? " union all " : "")
				.append("select kind, ")
				.append(SUMS)
				.append(", sketch from ")
				.append(segments.get(i).granularity().table())
				.append(" where kind = any(cast(:kinds as text[]))")
				.append(labelFilter(labels))
				.append(" and bucket >= :from")
				.append(i)
				.append(" and bucket < :to")
				.append(i);
		}
		DatabaseClient.GenericExecuteSpec spec = bindLabels(this.db.sql(sql.toString()), labels).bind("kinds",
				kinds.toArray(String[]::new));
		for (int i = 0; i < segments.size(); i++) {
			spec = spec.bind("from" + i, segments.get(i).from().atOffset(ZoneOffset.UTC))
				.bind("to" + i, segments.get(i).to().atOffset(ZoneOffset.UTC));
		}
		return spec.map((row) -> Map.entry(row.get("kind", String.class), new RollupRow(row, null)))
			.all()
			.collectList()
			.zipWith(empty, (rows, byKind) -> {
				rows.forEach((row) -> row.getValue().addTo(byKind.get(row.getKey())));
				return byKind;
			});
	}

	private static String labelFilter(Labels labels) {
		if (labels.none()) {
			// the whole primary key prefix, so the scan is a range over bucket alone
			return " and name = '*' and model = '*' and operation = '*'";
		}
		return " and name <> '*'" + ((labels.name() != null) ? " and name = :name" : "")
				+ ((labels.model() != null) ? " and model = :model" : "")
				+ ((labels.operation() != null) ? " and operation = :operation" : "");
	}

	private static DatabaseClient.GenericExecuteSpec bindLabels(DatabaseClient.GenericExecuteSpec spec, Labels labels) {
		DatabaseClient.GenericExecuteSpec bound = spec;
		if (labels.name() != null) {
			bound = bound.bind("name", labels.name());
		}
		if (labels.model() != null) {
			bound = bound.bind("model", labels.model());
		}
		if (labels.operation() != null) {
			bound = bound.bind("operation", labels.operation());
		}
		return bound;
	}

}
