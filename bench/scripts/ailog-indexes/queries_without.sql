begin;
drop index ai_logs_function, ai_logs_status, ai_logs_request_model, ai_logs_response_model, ai_logs_input_hash;
alter table ai_logs drop constraint ai_logs_pkey;
-- Q2 list by functionName
explain (analyze, buffers, costs off, timing off, summary on) select * from ai_logs where function_name = 'coach-reply' order by occurred_at desc, id desc limit 50;
-- Q4 list errors
explain (analyze, buffers, costs off, timing off, summary on) select * from ai_logs where status = 'error' order by occurred_at desc, id desc limit 50;
-- Q9 duplicates
explain (analyze, buffers, costs off, timing off, summary on) with ranked as (select input_hash, coalesce(input_tokens,0) as input_tokens, coalesce(output_tokens,0) as output_tokens, cost_usd, row_number() over (partition by input_hash order by occurred_at, id) as n from ai_logs where input_hash is not null and occurred_at >= now() - interval '24 hours') select input_hash, count(*) from ranked group by input_hash having count(*) > 1 order by 2 desc limit 20;
-- Q2b rare function: 1 in 1000 calls? none in data; a function name that is absent (worst case: whole index scanned)
explain (analyze, buffers, costs off, timing off, summary on) select * from ai_logs where function_name = 'nightly-digest' order by occurred_at desc, id desc limit 50;
rollback;
-- with the function index, the absent function
explain (analyze, buffers, costs off, timing off, summary on) select * from ai_logs where function_name = 'nightly-digest' order by occurred_at desc, id desc limit 50;
begin;
drop index ai_logs_user;
explain (analyze, buffers, costs off, timing off, summary on) select * from ai_logs where user_id = 'user-42' order by occurred_at desc, id desc limit 50;
rollback;
