-- Q1 list, newest 50
explain (analyze, buffers, costs off, timing off, summary on) select * from ai_logs where true order by occurred_at desc, id desc limit 50;
-- Q2 list by functionName
explain (analyze, buffers, costs off, timing off, summary on) select * from ai_logs where function_name = 'coach-reply' order by occurred_at desc, id desc limit 50;
-- Q3 list by model
explain (analyze, buffers, costs off, timing off, summary on) select * from ai_logs where (request_model = 'gpt-4o' or response_model = 'gpt-4o') order by occurred_at desc, id desc limit 50;
-- Q4 list errors
explain (analyze, buffers, costs off, timing off, summary on) select * from ai_logs where status = 'error' order by occurred_at desc, id desc limit 50;
-- Q5 list by user
explain (analyze, buffers, costs off, timing off, summary on) select * from ai_logs where user_id = 'user-42' order by occurred_at desc, id desc limit 50;
-- Q6 list a range, 10 minutes an hour ago
explain (analyze, buffers, costs off, timing off, summary on) select * from ai_logs where occurred_at >= now() - interval '70 minutes' and occurred_at < now() - interval '60 minutes' order by occurred_at desc, id desc limit 50;
-- Q7 by id
explain (analyze, buffers, costs off, timing off, summary on) select * from ai_logs where id = (select id from ai_log_ids offset 500000 limit 1) and occurred_at = (select occurred_at from ai_log_ids where id = (select id from ai_log_ids offset 500000 limit 1));
-- Q8 stats by function, last hour
explain (analyze, buffers, costs off, timing off, summary on) select function_name, count(*), percentile_cont(0.5) within group (order by duration_ms) from ai_logs where occurred_at >= now() - interval '1 hour' group by 1;
-- Q9 duplicates, last 24 h
explain (analyze, buffers, costs off, timing off, summary on) with ranked as (select input_hash, coalesce(input_tokens,0) as input_tokens, coalesce(output_tokens,0) as output_tokens, cost_usd, row_number() over (partition by input_hash order by occurred_at, id) as n from ai_logs where input_hash is not null and occurred_at >= now() - interval '24 hours') select input_hash, count(*) from ranked group by input_hash having count(*) > 1 order by 2 desc limit 20;
-- Q10 user stats? keyset page 2 for a user
explain (analyze, buffers, costs off, timing off, summary on) select * from ai_logs where user_id = 'user-42' and (occurred_at, id) < (now() - interval '3 hours', 'ffffffff-ffff-ffff-ffff-ffffffffffff') order by occurred_at desc, id desc limit 50;
