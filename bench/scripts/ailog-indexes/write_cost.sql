select pg_backend_pid() as pid \gset
\setenv PID :pid
update staged set id = gen_random_uuid();
begin;
:drops
\! awk '{print "cpu_before", $14+$15}' /proc/$PID/stat
do $$ begin for b in 0..99 loop
  with incoming as (select * from staged where batch = b),
  fresh as (insert into ai_log_ids (id, occurred_at) select id, occurred_at from incoming on conflict (id) do nothing returning id)
  insert into ai_logs select i.id, occurred_at, function_name, operation, provider, request_model, response_model, input_hash, output_preview, duration_ms, time_to_first_token_ms, input_tokens, output_tokens, cache_read_input_tokens, status, error_type, finish_reasons, user_id, session_id, conversation_id, trace_id, span_id, attributes, cost_usd, priced from incoming i join fresh using (id);
end loop; end $$;
\! awk '{print "cpu_after", $14+$15}' /proc/$PID/stat
rollback;
