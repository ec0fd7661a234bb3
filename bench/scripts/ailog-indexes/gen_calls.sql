-- bench-like rows (AiCallEvents): 12 functions, 6 models, 5000 users, 1 in 20 errors, 6 hours
create or replace function gen_calls(n int) returns table (
 id uuid, occurred_at timestamptz, function_name text, operation text, provider text, request_model text,
 response_model text, input_hash text, output_preview text, duration_ms double precision,
 time_to_first_token_ms double precision, input_tokens int, output_tokens int, cache_read_input_tokens int,
 status text, error_type text, finish_reasons text[], user_id text, session_id text, conversation_id text,
 trace_id text, span_id text, attributes jsonb, cost_usd numeric, priced boolean) language sql as $$
 select gen_random_uuid(), now() - random() * interval '6 hours',
  (array['summarize-sleep','coach-reply','triage-symptoms','meal-plan','embed-journal','classify-feedback','translate-note','weekly-report','chat-assistant','extract-medication','rank-articles','moderate-post'])[1 + (random()*11.999)::int % 12],
  case when m = 3 then 'embeddings' else 'chat' end,
  (array['openai','openai','openai','anthropic','anthropic','gcp.gemini'])[m],
  (array['gpt-4o','gpt-4o-mini','text-embedding-3-small','claude-sonnet-4','claude-3-5-haiku','gemini-2.0-flash'])[m],
  case when err then null else (array['gpt-4o-2024-08-06','gpt-4o-mini-2024-07-18','text-embedding-3-small','claude-sonnet-4-20250514','claude-3-5-haiku-20241022','gemini-2.0-flash-001'])[m] end,
  md5(random()::text) || md5(random()::text),
  case when err or m = 3 then null else repeat('your sleep last night was restful ', 2 + (random()*12)::int) end,
  120 + random() * 8880, case when m = 3 then null else 80 + random()*820 end,
  50 + (random()*5950)::int, case when err or m = 3 then null else 10 + (random()*1190)::int end,
  case when random() < 0.25 then (random()*50)::int else null end,
  case when err then 'error' else 'success' end, case when err then 'timeout' else null end,
  case when err or m = 3 then null else array['stop'] end,
  'user-' || (random()*4999)::int, 'session-' || (random()*49999)::int,
  case when random() < 0.33 then null else 'conv-' || (random()*19999)::int end,
  md5(random()::text), left(md5(random()::text), 16),
  jsonb_build_object('region', 'eu-central-1', 'deployment', 'prod', 'app.version', '2.4.' || (random()*11)::int),
  random()::numeric(20,10), true
 from (select 1 + (random()*5.999)::int % 6 as m, random() < 0.05 as err from generate_series(1, n)) g
$$;
