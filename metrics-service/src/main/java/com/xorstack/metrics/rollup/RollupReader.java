package com.xorstack.metrics.rollup;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Answers windows and time series from the rollups alone, merging bucket sketches in
 * Java. A window reads hourly rows for its whole hours and minute rows only for its edges
 * ({@link ReadPlan}), so a 30-day window is about 720 rows per kind and labels.
 */
@Repository
public class RollupReader {

	private static final String COLUMNS = "bucket, calls, errors, duration_sum_ms, timed_calls, input_tokens,"
			+ " output_tokens, cost_usd, unpriced_calls, sketch";

	private final DatabaseClient db;

	private final RollupProperties properties;

	private final Clock clock;

	RollupReader(DatabaseClient db, RollupProperties properties, Clock clock) {
		this.db = db;
		this.properties = properties;
		this.clock = clock;
	}

	public Mono<WindowFigures> figures(Instant from, Instant to) {
		return Mono
			.zip(aggregate(Observation.API, Labels.NONE, from, to), aggregate(Observation.AI, Labels.NONE, from, to),
					aggregate(Observation.DASHBOARD, Labels.NONE, from, to))
			.map((all) -> new WindowFigures(from, to, all.getT1(), all.getT2(), all.getT3()));
	}

	public Mono<Aggregate> aggregate(String kind, Labels labels, Instant from, Instant to) {
		ReadPlan plan = ReadPlan.of(from, to, minuteHorizon());
		return Flux.fromIterable(plan.segments())
			.concatMap((segment) -> rows(segment.granularity(), kind, labels, segment.from(), segment.to(),
					(bucket) -> bucket))
			.reduce(new Aggregate(), (aggregate, row) -> {
				row.addTo(aggregate);
				return aggregate;
			});
	}

	/**
	 * One aggregate per step from the table of that step's width (UTC days for
	 * {@code 1d}); steps without data are absent.
	 */
	public Mono<Map<Instant, Aggregate>> series(String kind, Labels labels, Instant from, Instant to, Duration step) {
		Granularity granularity = step.equals(Duration.ofMinutes(1)) ? Granularity.MINUTE
				: step.equals(Duration.ofHours(1)) ? Granularity.HOUR : Granularity.DAY;
		Function<Instant, Instant> stepOf = (bucket) -> Instant
			.ofEpochSecond(Math.floorDiv(bucket.getEpochSecond(), step.toSeconds()) * step.toSeconds());
		return rows(granularity, kind, labels, granularity.bucket(from), to, stepOf)
			.reduce(new TreeMap<Instant, Aggregate>(), (series, row) -> {
				row.addTo(series.computeIfAbsent(row.step(), (s) -> new Aggregate()));
				return series;
			})
			.map((series) -> (Map<Instant, Aggregate>) series);
	}

	/**
	 * Minute buckets before this may be gone: retention drops a day of them only once the
	 * whole day is past it.
	 */
	public Instant minuteHorizon() {
		return this.clock.instant().minus(this.properties.minuteRollups()).truncatedTo(ChronoUnit.DAYS);
	}

	private Flux<Row> rows(Granularity granularity, String kind, Labels labels, Instant from, Instant to,
			Function<Instant, Instant> stepOf) {
		StringBuilder sql = new StringBuilder("select ").append(COLUMNS)
			.append(" from ")
			.append(granularity.table())
			.append(" where kind = :kind and bucket >= :from and bucket < :to");
		if (labels.none()) {
			// the whole primary key prefix, so the scan is a range over bucket alone
			sql.append(" and name = '*' and model = '*' and operation = '*'");
		}
		else {
			sql.append(" and name <> '*'");
			sql.append((labels.name() != null) ? " and name = :name" : "");
			sql.append((labels.model() != null) ? " and model = :model" : "");
			sql.append((labels.operation() != null) ? " and operation = :operation" : "");
		}
		DatabaseClient.GenericExecuteSpec spec = this.db.sql(sql.toString())
			.bind("kind", kind)
			.bind("from", from.atOffset(ZoneOffset.UTC))
			.bind("to", to.atOffset(ZoneOffset.UTC));
		if (labels.name() != null) {
			spec = spec.bind("name", labels.name());
		}
		if (labels.model() != null) {
			spec = spec.bind("model", labels.model());
		}
		if (labels.operation() != null) {
			spec = spec.bind("operation", labels.operation());
		}
		return spec.map((row) -> new Row(stepOf.apply(row.get("bucket", OffsetDateTime.class).toInstant()),
				row.get("calls", Long.class), row.get("errors", Long.class), row.get("duration_sum_ms", Double.class),
				row.get("timed_calls", Long.class), row.get("input_tokens", Long.class),
				row.get("output_tokens", Long.class), row.get("cost_usd", BigDecimal.class),
				row.get("unpriced_calls", Long.class), row.get("sketch", byte[].class)))
			.all();
	}

	private record Row(Instant step, long calls, long errors, double durationSumMs, long timedCalls, long inputTokens,
			long outputTokens, BigDecimal costUsd, long unpricedCalls, byte @Nullable [] sketch) {

		void addTo(Aggregate aggregate) {
			aggregate.addRow(this.calls, this.errors, this.durationSumMs, this.timedCalls, this.inputTokens,
					this.outputTokens, this.costUsd, this.unpricedCalls, this.sketch);
		}

	}

}
