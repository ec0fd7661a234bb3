package com.xorstack.ailog.query;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import io.r2dbc.spi.Readable;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.DatabaseClient.GenericExecuteSpec;
import org.springframework.stereotype.Repository;

import com.xorstack.platform.web.Cursors;

/**
 * Reads of {@code ai_logs}. Every query is bounded by the filter's time range where one
 * is given, so PostgreSQL prunes the partitions outside it.
 */
@Repository
class AiLogQueryRepository {

	private final DatabaseClient db;

	private final JsonMapper json;

	AiLogQueryRepository(DatabaseClient db, JsonMapper json) {
		this.db = db;
		this.json = json;
	}

	Flux<AiLogView> find(AiLogFilter filter, Cursors.@Nullable Position after, int limit) {
		String keyset = (after != null) ? " and (occurred_at, id) < (:afterTime, :afterId)" : "";
		GenericExecuteSpec spec = this.db.sql("select " + AiLogView.COLUMNS + " from ai_logs where true"
				+ filter.where() + keyset + " order by occurred_at desc, id desc limit :limit");
		spec = filter.bind(spec).bind("limit", limit);
		if (after != null) {
			spec = spec.bind("afterTime", after.time()).bind("afterId", after.id());
		}
		return spec.map((row) -> AiLogView.of(row, this.json)).all();
	}

	/** Finds the day of the id first, so that only that day's partition is read. */
	Mono<AiLogView> findById(UUID id) {
		return this.db
			.sql("select " + AiLogView.COLUMNS + " from ai_logs where id = :id"
					+ " and occurred_at = (select occurred_at from ai_log_ids where id = :id)")
			.bind("id", id)
			.map((row) -> AiLogView.of(row, this.json))
			.one();
	}

	Flux<Map<String, Object>> stats(StatsGroup group, AiLogFilter filter) {
		String sql = """
				select %s as grp, count(*) as calls, count(*) filter (where status = 'error') as errors,
				    percentile_cont(0.5) within group (order by duration_ms) as p50,
				    percentile_cont(0.95) within group (order by duration_ms) as p95,
				    percentile_cont(0.99) within group (order by duration_ms) as p99,
				    coalesce(sum(input_tokens), 0) as input_tokens, coalesce(sum(output_tokens), 0) as output_tokens,
				    coalesce(sum(cache_read_input_tokens), 0) as cache_read_tokens,
				    sum(cost_usd) as cost, count(*) filter (where not priced) as unpriced
				from ai_logs where true %s
				group by grp order by calls desc, grp
				""".formatted(group.expression(), filter.where());
		return filter.bind(this.db.sql(sql)).map((row) -> statsItem(group, row)).all();
	}

	private static Map<String, Object> statsItem(StatsGroup group, Readable row) {
		long calls = row.get("calls", Long.class);
		long errors = row.get("errors", Long.class);
		long unpriced = row.get("unpriced", Long.class);
		Map<String, Object> item = new LinkedHashMap<>();
		item.put(group.field(), row.get("grp", String.class));
		item.put("calls", calls);
		item.put("errors", errors);
		item.put("errorRate", (calls > 0) ? (double) errors / calls : 0.0);
		item.put("p50Ms", row.get("p50", Double.class));
		item.put("p95Ms", row.get("p95", Double.class));
		item.put("p99Ms", row.get("p99", Double.class));
		item.put("inputTokens", row.get("input_tokens", Long.class));
		item.put("outputTokens", row.get("output_tokens", Long.class));
		item.put("cacheReadInputTokens", row.get("cache_read_tokens", Long.class));
		BigDecimal cost = row.get("cost", BigDecimal.class);
		item.put("costUsd", (cost != null) ? cost : BigDecimal.ZERO);
		item.put("pricedCalls", calls - unpriced);
		item.put("unpricedCalls", unpriced);
		return item;
	}

	Flux<Map<String, Object>> duplicates(AiLogFilter filter, int limit) {
		String sql = """
				with ranked as (
				    select input_hash, coalesce(input_tokens, 0) as input_tokens,
				        coalesce(output_tokens, 0) as output_tokens, cost_usd,
				        row_number() over (partition by input_hash order by occurred_at, id) as n
				    from ai_logs where input_hash is not null %s
				)
				select input_hash, count(*) as calls,
				    coalesce(sum(input_tokens) filter (where n > 1), 0) as saved_input,
				    coalesce(sum(output_tokens) filter (where n > 1), 0) as saved_output,
				    coalesce(sum(cost_usd) filter (where n > 1), 0) as saved_cost
				from ranked group by input_hash having count(*) > 1
				order by calls desc, sum(input_tokens + output_tokens) filter (where n > 1) desc, input_hash
				limit :limit
				""".formatted(filter.where());
		return filter.bind(this.db.sql(sql)).bind("limit", limit).map(AiLogQueryRepository::duplicate).all();
	}

	private static Map<String, Object> duplicate(Readable row) {
		long calls = row.get("calls", Long.class);
		long input = row.get("saved_input", Long.class);
		long output = row.get("saved_output", Long.class);
		Map<String, Object> item = new LinkedHashMap<>();
		item.put("inputHash", row.get("input_hash", String.class));
		item.put("calls", calls);
		item.put("repeats", calls - 1);
		item.put("savedInputTokens", input);
		item.put("savedOutputTokens", output);
		item.put("savedTokens", input + output);
		item.put("savedCostUsd", row.get("saved_cost", BigDecimal.class));
		return item;
	}

}
