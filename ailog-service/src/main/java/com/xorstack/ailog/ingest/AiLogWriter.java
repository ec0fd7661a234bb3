package com.xorstack.ailog.ingest;

import java.util.List;
import java.util.UUID;

import reactor.core.publisher.Flux;

import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Repository;

/**
 * Stores a batch of priced calls in one statement, one round trip: the batch travels as
 * one JSON array (read by {@code json_to_recordset}, which parses the text once, without
 * building a {@code jsonb} first), the ids nobody stored before claim their place in
 * {@code ai_log_ids}, and only those rows go into {@code ai_logs}. One statement is one
 * transaction: the ids and the rows commit together or not at all.
 */
@Repository
class AiLogWriter {

	private static final String COLUMNS = "id, occurred_at, function_name, operation, provider, request_model,"
			+ " response_model, input_hash, output_preview, duration_ms, time_to_first_token_ms, input_tokens,"
			+ " output_tokens, cache_read_input_tokens, status, error_type, finish_reasons, user_id, session_id,"
			+ " conversation_id, trace_id, span_id";

	private static final String INSERT = """
			with incoming as (
			    select * from json_to_recordset(cast(:rows as json)) as r(
			        id uuid, occurred_at timestamptz, function_name text, operation text, provider text,
			        request_model text, response_model text, input_hash text, output_preview text,
			        duration_ms double precision, time_to_first_token_ms double precision, input_tokens integer,
			        output_tokens integer, cache_read_input_tokens integer, status text, error_type text,
			        finish_reasons text[], user_id text, session_id text, conversation_id text, trace_id text,
			        span_id text, attributes jsonb, cost_usd numeric, priced boolean)
			),
			fresh as (
			    insert into ai_log_ids (id, occurred_at)
			    select id, occurred_at from incoming
			    on conflict (id) do nothing
			    returning id
			)
			insert into ai_logs (%1$s, attributes, cost_usd, priced)
			select %1$s, coalesce(attributes, '{}'), cost_usd, priced
			from incoming join fresh using (id)
			returning id
			""".formatted(COLUMNS);

	private final DatabaseClient db;

	private final CallJson json;

	AiLogWriter(DatabaseClient db, CallJson json) {
		this.db = db;
		this.json = json;
	}

	/** Stores the calls none stored before and answers their ids. */
	Flux<UUID> insertNew(List<PricedCall> calls) {
		if (calls.isEmpty()) {
			return Flux.empty();
		}
		return this.db.sql(INSERT).bind("rows", this.json.rows(calls)).map((row) -> row.get("id", UUID.class)).all();
	}

}
