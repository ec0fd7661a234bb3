package com.xorstack.metrics.rollup;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Windows split by the value of one label, for alert rules with a {@code groupBy}: by
 * route or function ({@code name}) or model from the rollups, planned like
 * {@link RollupReader} reads a window; by user from the per-user minute rollups. Sums are
 * added up in SQL; sketches are read and merged only when the metric is a percentile.
 */
@Repository
public class RollupGroups {

	/** A label a window can be split by. */
	public enum By {

		NAME("name"), MODEL("model"), USER("user_id");

		private final String column;

		By(String column) {
			this.column = column;
		}

	}

	private static final String SUMS = "sum(calls) as calls, sum(errors) as errors,"
			+ " sum(duration_sum_ms) as duration_sum_ms, sum(timed_calls) as timed_calls,"
			+ " sum(input_tokens) as input_tokens, sum(output_tokens) as output_tokens, sum(cost_usd) as cost_usd,"
			+ " sum(unpriced_calls) as unpriced_calls";

	private final DatabaseClient db;

	private final RollupReader reader;

	RollupGroups(DatabaseClient db, RollupReader reader) {
		this.db = db;
		this.reader = reader;
	}

	/**
	 * One aggregate per value of {@code by} over {@code [from, to)}, of the rows that
	 * match {@code filter} (for {@link By#USER}, only {@code filter.name()} is used: the
	 * user). Values without data in the window are absent.
	 */
	public Mono<Map<String, Aggregate>> aggregateBy(String kind, Labels filter, By by, Instant from, Instant to,
			boolean sketches) {
		Flux<Segment> segments = (by == By.USER) ? Flux.just(new Segment("rollup_user_minute", from, to))
				: Flux.fromIterable(ReadPlan.of(from, to, this.reader.minuteHorizon()).segments())
					.map((segment) -> new Segment(segment.granularity().table(), segment.from(), segment.to()));
		return segments.concatMap((segment) -> read(segment, kind, filter, by, sketches))
			.collect(TreeMap<String, Aggregate>::new,
					(groups, part) -> groups.merge(part.getKey(), part.getValue(), (left, right) -> left.addAll(right)))
			.map((groups) -> (Map<String, Aggregate>) groups);
	}

	private Flux<Map.Entry<String, Aggregate>> read(Segment segment, String kind, Labels filter, By by,
			boolean sketches) {
		String where = where(segment, filter, by);
		Flux<Map.Entry<String, Aggregate>> sums = bind(this.db.sql("select " + by.column + " as label, " + SUMS
				+ " from " + segment.table() + where + " group by " + by.column), segment, kind, filter, by)
			.map((row) -> {
				Aggregate aggregate = new Aggregate();
				aggregate.addRow(number(row.get("calls")), number(row.get("errors")),
						((Number) row.get("duration_sum_ms")).doubleValue(), number(row.get("timed_calls")),
						number(row.get("input_tokens")), number(row.get("output_tokens")),
						(BigDecimal) row.get("cost_usd"), number(row.get("unpriced_calls")), null);
				return Map.entry(row.get("label", String.class), aggregate);
			})
			.all();
		if (!sketches) {
			return sums;
		}
		Flux<Map.Entry<String, Aggregate>> merged = bind(this.db.sql("select " + by.column + " as label, sketch from "
				+ segment.table() + where + " and sketch is not null"), segment, kind, filter, by)
			.map((row) -> {
				Aggregate aggregate = new Aggregate();
				aggregate.addRow(0, 0, 0, 0, 0, 0, BigDecimal.ZERO, 0, row.get("sketch", byte[].class));
				return Map.entry(row.get("label", String.class), aggregate);
			})
			.all();
		return sums.concatWith(merged);
	}

	private static String where(Segment segment, Labels filter, By by) {
		StringBuilder sql = new StringBuilder(" where kind = :kind and bucket >= :from and bucket < :to");
		if (by == By.USER) {
			return sql.append((filter.name() != null) ? " and user_id = :name" : "").toString();
		}
		sql.append(" and name <> '*'");
		sql.append((filter.name() != null) ? " and name = :name" : "");
		sql.append((filter.model() != null) ? " and model = :model" : "");
		sql.append((filter.operation() != null) ? " and operation = :operation" : "");
		return sql.append(" and ").append(by.column).append(" <> ''").toString();
	}

	private static DatabaseClient.GenericExecuteSpec bind(DatabaseClient.GenericExecuteSpec spec, Segment segment,
			String kind, Labels filter, By by) {
		spec = spec.bind("kind", kind)
			.bind("from", segment.from().atOffset(ZoneOffset.UTC))
			.bind("to", segment.to().atOffset(ZoneOffset.UTC));
		spec = (filter.name() != null) ? spec.bind("name", filter.name()) : spec;
		if (by != By.USER) {
			spec = (filter.model() != null) ? spec.bind("model", filter.model()) : spec;
			spec = (filter.operation() != null) ? spec.bind("operation", filter.operation()) : spec;
		}
		return spec;
	}

	private static long number(@Nullable Object value) {
		return (value != null) ? ((Number) value).longValue() : 0;
	}

	private record Segment(String table, Instant from, Instant to) {
	}

}
