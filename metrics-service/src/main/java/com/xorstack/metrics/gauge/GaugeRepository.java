package com.xorstack.metrics.gauge;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Gauge readings, each stored once by its id (the primary key is the ledger).
 */
@Repository
public class GaugeRepository {

	private static final TypeReference<Map<String, String>> LABELS = new TypeReference<>() {
	};

	private final DatabaseClient db;

	private final JsonMapper json;

	GaugeRepository(DatabaseClient db, JsonMapper json) {
		this.db = db;
		this.json = json;
	}

	/** Answers how many readings were new. */
	Mono<Integer> insert(List<Map.Entry<String, SystemGauge>> readings) {
		return Flux.fromIterable(readings)
			.concatMap((reading) -> insert(reading.getKey(), reading.getValue()))
			.reduce(0L, Long::sum)
			.map(Long::intValue);
	}

	private Mono<Long> insert(String id, SystemGauge gauge) {
		return this.db
			.sql("insert into system_metrics (id, name, value, unit, labels, at)"
					+ " values (:id, :name, :value, :unit, cast(:labels as jsonb), :at) on conflict do nothing")
			.bind("id", id)
			.bind("name", gauge.name())
			.bind("value", gauge.value())
			.bind("unit", (gauge.unit() != null) ? gauge.unit() : "")
			.bind("labels", this.json.writeValueAsString((gauge.labels() != null) ? gauge.labels() : Map.of()))
			.bind("at", gauge.at().atOffset(ZoneOffset.UTC))
			.fetch()
			.rowsUpdated();
	}

	/**
	 * Average, minimum, maximum and count per step of the readings of one gauge whose
	 * labels include {@code labels}: the readings themselves where they are still kept,
	 * their hourly rollups where they are not (a step finer than an hour then shows one
	 * point per hour).
	 */
	public Flux<GaugePoint> series(String name, Map<String, String> labels, Instant from, Instant to, Duration step) {
		return this.db
			.sql("select floor(extract(epoch from at) / :step) * :step as t, sum(sum) / sum(n) as avg, min(min) as min,"
					+ " max(max) as max, sum(n) as n from ("
					+ "select at, value as sum, value as min, value as max, 1 as n from system_metrics"
					+ " where name = :name and at >= :from and at < :to and labels @> cast(:labels as jsonb)"
					+ " union all select hour, sum, min, max, n from system_metrics_hourly"
					+ " where name = :name and hour >= :from and hour < :to and labels @> cast(:labels as jsonb)"
					+ ") readings group by 1 order by 1")
			.bind("step", step.toSeconds())
			.bind("name", name)
			.bind("from", from.atOffset(ZoneOffset.UTC))
			.bind("to", to.atOffset(ZoneOffset.UTC))
			.bind("labels", this.json.writeValueAsString(labels))
			.map((row) -> new GaugePoint(Instant.ofEpochSecond(((Number) row.get("t")).longValue()),
					((Number) row.get("avg")).doubleValue(), ((Number) row.get("min")).doubleValue(),
					((Number) row.get("max")).doubleValue(), ((Number) row.get("n")).longValue()))
			.all();
	}

	/**
	 * The latest reading of each label set of one gauge, among the readings from
	 * {@code from} on whose labels include {@code labels}, ordered by their labels; at
	 * most {@code limit}.
	 */
	public Flux<GaugeReading> latest(String name, Map<String, String> labels, Instant from, int limit) {
		return this.db
			.sql("select cast(labels as text) as labels, value, unit, at from (select distinct on (labels) labels,"
					+ " value, unit, at from system_metrics where name = :name and at >= :from"
					+ " and labels @> cast(:labels as jsonb) order by labels, at desc) latest"
					+ " order by cast(labels as text) limit :limit")
			.bind("name", name)
			.bind("from", from.atOffset(ZoneOffset.UTC))
			.bind("labels", this.json.writeValueAsString(labels))
			.bind("limit", limit)
			.map((row) -> new GaugeReading(this.json.readValue(row.get("labels", String.class), LABELS),
					row.get("value", Double.class), row.get("unit", String.class),
					row.get("at", OffsetDateTime.class).toInstant()))
			.all();
	}

	/**
	 * The latest reading of each label set of one gauge within {@code [from, to]} whose
	 * labels include {@code labels}, summed per value of the label {@code by}; without
	 * {@code by} one sum, keyed {@code ""}. Label sets without {@code by} are left out;
	 * no reading answers an empty map.
	 */
	public Mono<Map<String, Double>> latestSums(String name, Map<String, String> labels, @Nullable String by,
			Instant from, Instant to) {
		String key = (by != null) ? "labels ->> :by" : "cast('' as text)";
		DatabaseClient.GenericExecuteSpec sql = this.db
			.sql("select " + key + " as instance, sum(value) as total from (select distinct on (labels) labels, value"
					+ " from system_metrics where name = :name and at >= :from and at <= :to"
					+ " and labels @> cast(:labels as jsonb) order by labels, at desc) latest where " + key
					+ " is not null group by 1")
			.bind("name", name)
			.bind("from", from.atOffset(ZoneOffset.UTC))
			.bind("to", to.atOffset(ZoneOffset.UTC))
			.bind("labels", this.json.writeValueAsString(labels));
		return ((by != null) ? sql.bind("by", by) : sql)
			.map((row) -> Map.entry(row.get("instance", String.class), row.get("total", Double.class)))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	/**
	 * Rolls the readings of every whole hour before {@code before} up into
	 * {@code system_metrics_hourly} and deletes them, in one statement: a reading is
	 * either still there or counted in its hour. Answers the readings rolled up.
	 */
	public Mono<Long> rollUpBefore(Instant before) {
		return this.db.sql("with moved as (delete from system_metrics where at < date_trunc('hour', cast(:before as"
				+ " timestamptz)) returning name, labels, value, unit, at), hours as (insert into system_metrics_hourly"
				+ " (name, labels, hour, sum, min, max, n, unit) select name, labels, date_trunc('hour', at), sum(value),"
				+ " min(value), max(value), count(*), max(unit) from moved group by name, labels, date_trunc('hour', at)"
				+ " on conflict (name, labels, hour) do update set sum = system_metrics_hourly.sum + excluded.sum,"
				+ " min = least(system_metrics_hourly.min, excluded.min), max = greatest(system_metrics_hourly.max,"
				+ " excluded.max), n = system_metrics_hourly.n + excluded.n) select count(*) from moved")
			.bind("before", before.atOffset(ZoneOffset.UTC))
			.map((row) -> row.get(0, Long.class))
			.one();
	}

	/** Forgets the hourly rollups of gauges from before {@code before}. */
	public Mono<Long> deleteHourlyBefore(Instant before) {
		return this.db.sql("delete from system_metrics_hourly where hour < :before")
			.bind("before", before.atOffset(ZoneOffset.UTC))
			.fetch()
			.rowsUpdated();
	}

	/** The latest reading of one label set; {@code unit} is empty when none was sent. */
	public record GaugeReading(Map<String, String> labels, double value, String unit, Instant at) {
	}

	/** One step of a gauge series. */
	public record GaugePoint(Instant at, double avg, double min, double max, long count) {
	}

}
