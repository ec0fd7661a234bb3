package com.xorstack.metrics.usage;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Usage analytics from the per-day tables and the hourly rollups (never raw events): a
 * year of days is at most 8,760 hourly rows per series.
 */
@Repository
class AnalyticsRepository {

	private final DatabaseClient db;

	AnalyticsRepository(DatabaseClient db) {
		this.db = db;
	}

	/** Usage events per day and kind in {@code [from, to]}. */
	Mono<List<Map.Entry<LocalDate, Map.Entry<String, Long>>>> eventsPerDay(LocalDate from, LocalDate to) {
		return this.db.sql("select day, kind, events from usage_daily where day between :from and :to")
			.bind("from", from)
			.bind("to", to)
			.map((row) -> Map.entry(row.get("day", LocalDate.class),
					Map.entry(row.get("kind", String.class), row.get("events", Long.class))))
			.all()
			.collectList();
	}

	/** AI calls per UTC day, from the hourly rows of every call. */
	Mono<Map<LocalDate, Long>> aiCallsPerDay(LocalDate from, LocalDate to) {
		return this.db.sql("select cast(bucket at time zone 'UTC' as date) as day, sum(calls) as calls from rollup_hour"
				+ " where kind = 'ai' and name = '*' and model = '*' and operation = '*' and bucket >= :from and bucket < :to group by 1")
			.bind("from", from.atStartOfDay(ZoneOffset.UTC).toOffsetDateTime())
			.bind("to", to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toOffsetDateTime())
			.map((row) -> Map.entry(row.get("day", LocalDate.class), ((Number) row.get("calls")).longValue()))
			.all()
			.collectMap(Map.Entry::getKey, Map.Entry::getValue);
	}

	/** AI calls grouped by {@code name} (function) or {@code operation}, most first. */
	Mono<List<Map.Entry<String, Long>>> aiCallsBy(String column, LocalDate from, LocalDate to) {
		String group = "operation".equals(column) ? "operation" : "name";
		return this.db
			.sql("select " + group + " as label, sum(calls) as calls from rollup_hour"
					+ " where kind = 'ai' and name <> '*' and bucket >= :from and bucket < :to"
					+ " group by 1 order by 2 desc, 1 limit 100")
			.bind("from", from.atStartOfDay(ZoneOffset.UTC).toOffsetDateTime())
			.bind("to", to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toOffsetDateTime())
			.map((row) -> Map.entry(row.get("label", String.class), ((Number) row.get("calls")).longValue()))
			.all()
			.collectList();
	}

	/** Calls of a kind by ISO weekday (1 = Monday) and UTC hour. */
	Mono<List<HeatmapCell>> heatmap(String kind, LocalDate from, LocalDate to) {
		return this.db
			.sql("select cast(extract(isodow from bucket at time zone 'UTC') as int) as weekday,"
					+ " cast(extract(hour from bucket at time zone 'UTC') as int) as hour, sum(calls) as calls"
					+ " from rollup_hour where kind = :kind and name = '*' and model = '*' and operation = '*'"
					+ " and bucket >= :from and bucket < :to" + " group by 1, 2")
			.bind("kind", kind)
			.bind("from", from.atStartOfDay(ZoneOffset.UTC).toOffsetDateTime())
			.bind("to", to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toOffsetDateTime())
			.map((row) -> new HeatmapCell(row.get("weekday", Integer.class), row.get("hour", Integer.class),
					((Number) row.get("calls")).longValue()))
			.all()
			.collectList();
	}

	record HeatmapCell(int weekday, int hour, long count) {
	}

}
