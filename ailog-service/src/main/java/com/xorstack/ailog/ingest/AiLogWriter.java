package com.xorstack.ailog.ingest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import reactor.core.publisher.Flux;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

import com.xorstack.platform.events.EventTypes;
import com.xorstack.platform.events.Topics;

/**
 * Stores a batch of calls in one statement, one round trip: the batch travels as one JSON
 * array, the ids nobody stored before claim their place in {@code ai_log_ids}, only those
 * rows go into {@code ai_logs} with their cost from the price table in force at
 * {@code occurredAt}, and each gets its {@code ailog.recorded.v1} row in the outbox. One
 * statement is one transaction: the rows and their events commit together or not at all.
 */
@Repository
class AiLogWriter {

	private static final String COLUMNS = "id, occurred_at, function_name, operation, provider, request_model,"
			+ " response_model, input_hash, output_preview, duration_ms, time_to_first_token_ms, input_tokens,"
			+ " output_tokens, cache_read_input_tokens, status, error_type, finish_reasons, user_id, session_id,"
			+ " conversation_id, trace_id, span_id";

	private static final String INSERT = """
			with incoming as (
			    select * from jsonb_to_recordset(cast(:rows as jsonb)) as r(
			        id uuid, occurred_at timestamptz, function_name text, operation text, provider text,
			        request_model text, response_model text, input_hash text, output_preview text,
			        duration_ms double precision, time_to_first_token_ms double precision, input_tokens integer,
			        output_tokens integer, cache_read_input_tokens integer, status text, error_type text,
			        finish_reasons text[], user_id text, session_id text, conversation_id text, trace_id text,
			        span_id text, attributes jsonb)
			),
			fresh as (
			    insert into ai_log_ids (id, occurred_at)
			    select id, occurred_at from incoming
			    on conflict (id) do nothing
			    returning id
			),
			priced as (
			    select i.*, coalesce(attributes, '{}') as attrs,
			        price.model is not null and (i.input_tokens is not null or i.output_tokens is not null) as priced,
			        case when price.model is not null and (i.input_tokens is not null or i.output_tokens is not null)
			        then (greatest(coalesce(i.input_tokens, 0) - coalesce(i.cache_read_input_tokens, 0), 0) * price.input_per_mtok
			            + least(coalesce(i.cache_read_input_tokens, 0), coalesce(i.input_tokens, 0))
			                * coalesce(price.cache_read_per_mtok, price.input_per_mtok)
			            + coalesce(i.output_tokens, 0) * price.output_per_mtok) / 1000000
			        end as cost_usd
			    from incoming i
			    join fresh using (id)
			    left join lateral (
			        select p.* from model_prices p
			        where (p.model = coalesce(i.response_model, i.request_model)
			            or left(coalesce(i.response_model, i.request_model), length(p.model) + 1) = p.model || '-')
			          and p.valid_from <= i.occurred_at
			        order by length(p.model) desc, p.valid_from desc
			        limit 1
			    ) price on true
			),
			stored as (
			    insert into ai_logs (%1$s, attributes, cost_usd, priced)
			    select %1$s, attrs, cost_usd, priced from priced
			    returning id
			),
			published as (
			    insert into outbox (event_id, topic, event_key, event_type, occurred_at, payload)
			    select id, '%2$s', function_name, '%3$s', now(), json_build_object(
			        'id', id,
			        'occurredAt', to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
			        'functionName', function_name, 'operation', operation, 'provider', provider,
			        'requestModel', request_model, 'responseModel', response_model, 'inputHash', input_hash,
			        'durationMs', duration_ms, 'timeToFirstTokenMs', time_to_first_token_ms,
			        'inputTokens', input_tokens, 'outputTokens', output_tokens,
			        'cacheReadInputTokens', cache_read_input_tokens, 'status', status, 'errorType', error_type,
			        'userId', user_id, 'sessionId', session_id, 'traceId', trace_id,
			        'costUsd', cost_usd, 'priced', priced)
			    from priced
			)
			select id from stored
			"""
		.formatted(COLUMNS, Topics.AILOG_RECORDED, EventTypes.AILOG_RECORDED);

	private final DatabaseClient db;

	private final JsonMapper json;

	AiLogWriter(DatabaseClient db, JsonMapper json) {
		this.db = db;
		this.json = json;
	}

	/** Stores the calls none stored before and answers their ids. */
	Flux<UUID> insertNew(List<AiLogCall> calls) {
		if (calls.isEmpty()) {
			return Flux.empty();
		}
		return this.db.sql(INSERT)
			.bind("rows", this.json.writeValueAsString(rows(calls)))
			.map((row) -> row.get("id", UUID.class))
			.all();
	}

	private static List<Map<String, Object>> rows(List<AiLogCall> calls) {
		List<Map<String, Object>> rows = new ArrayList<>(calls.size());
		for (AiLogCall call : calls) {
			Map<String, Object> row = new LinkedHashMap<>();
			row.put("id", call.id().toString());
			row.put("occurred_at", call.occurredAt().toString());
			row.put("function_name", call.functionName());
			row.put("operation", call.operation());
			row.put("provider", call.provider());
			row.put("request_model", call.requestModel());
			row.put("response_model", call.responseModel());
			row.put("input_hash", call.inputHash());
			row.put("output_preview", call.outputPreview());
			row.put("duration_ms", call.durationMs());
			row.put("time_to_first_token_ms", call.timeToFirstTokenMs());
			row.put("input_tokens", call.inputTokens());
			row.put("output_tokens", call.outputTokens());
			row.put("cache_read_input_tokens", call.cacheReadInputTokens());
			row.put("status", call.status());
			row.put("error_type", call.errorType());
			row.put("finish_reasons", call.finishReasons());
			row.put("user_id", call.userId());
			row.put("session_id", call.sessionId());
			row.put("conversation_id", call.conversationId());
			row.put("trace_id", call.traceId());
			row.put("span_id", call.spanId());
			row.put("attributes", call.attributes());
			rows.add(row);
		}
		return rows;
	}

}
