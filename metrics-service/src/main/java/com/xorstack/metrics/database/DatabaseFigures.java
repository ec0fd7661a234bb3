package com.xorstack.metrics.database;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;

import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Sums the database gauges of a window, from the readings where they are still kept and
 * their hourly rollups where they are not (sum and max survive a rollup, which is why
 * only those are read).
 */
@Repository
class DatabaseFigures {

	private static final String READINGS = "select name, labels, value as sum, value as max from system_metrics"
			+ " where name in (%s) and at > :from and at <= :to and labels @> cast(:labels as jsonb)"
			+ " union all select name, labels, sum, max from system_metrics_hourly"
			+ " where name in (%s) and hour >= :from and hour < :to and labels @> cast(:labels as jsonb)";

	private static final String STATEMENT_NAMES = "'db.statement.calls', 'db.statement.errors',"
			+ " 'db.statement.total_ms', 'db.statement.p95_ms', 'db.statement.rows'";

	private static final String POOL_NAMES = "'db.pool.acquires', 'db.pool.wait_ms', 'db.pool.in_use',"
			+ " 'db.pool.pending', 'db.pool.max'";

	private static final String STATEMENTS = "select labels ->> 'service' as service, labels ->> 'statement' as"
			+ " statement, max(labels ->> 'text') as text,"
			+ " coalesce(sum(sum) filter (where name = 'db.statement.calls'), 0) as calls,"
			+ " coalesce(sum(sum) filter (where name = 'db.statement.errors'), 0) as errors,"
			+ " coalesce(sum(sum) filter (where name = 'db.statement.total_ms'), 0) as total_ms,"
			+ " coalesce(max(max) filter (where name = 'db.statement.p95_ms'), 0) as p95_ms,"
			+ " coalesce(sum(sum) filter (where name = 'db.statement.rows'), 0) as rows from ("
			+ READINGS.formatted(STATEMENT_NAMES, STATEMENT_NAMES)
			+ ") r where labels ->> 'service' is not null and labels ->> 'statement' is not null group by 1, 2 order by %s desc, 1, 2 limit :limit";

	private static final String POOLS = "select labels ->> 'service' as service,"
			+ " coalesce(sum(sum) filter (where name = 'db.pool.acquires'), 0) as acquires,"
			+ " coalesce(max(max) filter (where name = 'db.pool.wait_ms'), 0) as wait_ms,"
			+ " coalesce(max(max) filter (where name = 'db.pool.in_use'), 0) as in_use,"
			+ " coalesce(max(max) filter (where name = 'db.pool.pending'), 0) as pending,"
			+ " (select value from system_metrics m where m.name = 'db.pool.max' and m.labels = r.labels"
			+ " and m.at <= :to order by m.at desc limit 1) as max,"
			+ " (select max(at) from system_metrics m where m.name = 'db.pool.acquires' and m.labels = r.labels"
			+ " and m.at > :from and m.at <= :to) as latest_at from (" + READINGS.formatted(POOL_NAMES, POOL_NAMES)
			+ ") r where labels ->> 'service' is not null group by r.labels order by 1";

	private final DatabaseClient db;

	private final JsonMapper json;

	DatabaseFigures(DatabaseClient db, JsonMapper json) {
		this.db = db;
		this.json = json;
	}

	/**
	 * The {@code limit} statements with the highest {@code order} (p95 or total time).
	 */
	Flux<StatementFigures> statements(Map<String, String> labels, Instant from, Instant to, Order order, int limit) {
		return this.db.sql(STATEMENTS.formatted(order.column))
			.bind("from", from.atOffset(ZoneOffset.UTC))
			.bind("to", to.atOffset(ZoneOffset.UTC))
			.bind("labels", this.json.writeValueAsString(labels))
			.bind("limit", limit)
			.map((row) -> {
				long calls = number(row.get("calls")).longValue();
				double total = number(row.get("total_ms")).doubleValue();
				return new StatementFigures(row.get("service", String.class), row.get("statement", String.class),
						row.get("text", String.class), calls, number(row.get("errors")).longValue(), total,
						(calls != 0) ? total / calls : 0, number(row.get("p95_ms")).doubleValue(),
						number(row.get("rows")).longValue());
			})
			.all();
	}

	/** Every service's pool that published within the window, by service. */
	Flux<PoolFigures> pools(Map<String, String> labels, Instant from, Instant to) {
		return this.db.sql(POOLS)
			.bind("from", from.atOffset(ZoneOffset.UTC))
			.bind("to", to.atOffset(ZoneOffset.UTC))
			.bind("labels", this.json.writeValueAsString(labels))
			.map((row) -> {
				Object max = row.get("max");
				OffsetDateTime latest = row.get("latest_at", OffsetDateTime.class);
				return new PoolFigures(row.get("service", String.class), number(row.get("acquires")).longValue(),
						number(row.get("wait_ms")).doubleValue(), number(row.get("in_use")).longValue(),
						number(row.get("pending")).longValue(), (max != null) ? number(max).longValue() : null,
						(latest != null) ? latest.toInstant() : null);
			})
			.all();
	}

	private static Number number(Object value) {
		return (Number) value;
	}

	/** What the slowest statements are ranked by. */
	enum Order {

		P95("p95_ms"), TOTAL("total_ms");

		private final String column;

		Order(String column) {
			this.column = column;
		}

	}

}
