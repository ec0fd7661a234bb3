begin;
drop index ai_logs_request_model, ai_logs_response_model, ai_logs_input_hash, ai_logs_status; alter table ai_logs drop constraint ai_logs_pkey; create index ai_logs_errors on ai_logs (occurred_at desc, id desc) where status = 'error';
analyze ai_logs;
-- Q4 errors newest 50
explain (analyze, buffers, costs off, timing off, summary on) select * from ai_logs where status = 'error' order by occurred_at desc, id desc limit 50;
-- Q4b errors in a range with none (the future hour)
explain (analyze, buffers, costs off, timing off, summary on) select * from ai_logs where status = 'error' and occurred_at < now() - interval '7 hours' order by occurred_at desc, id desc limit 50;
-- Q3b a model with no calls
explain (analyze, buffers, costs off, timing off, summary on) select * from ai_logs where (request_model = 'o3' or response_model = 'o3') order by occurred_at desc, id desc limit 50;
-- Q7 by id
select id as the_id from ai_log_ids limit 1 offset 12345 \gset
explain (analyze, buffers, costs off, timing off, summary on) select * from ai_logs where id = :'the_id' and occurred_at = (select occurred_at from ai_log_ids where id = :'the_id');
rollback;
begin;
select id as the_id from ai_log_ids limit 1 offset 12345 \gset
explain (analyze, buffers, costs off, timing off, summary on) select * from ai_logs where id = :'the_id' and occurred_at = (select occurred_at from ai_log_ids where id = :'the_id');
explain (analyze, buffers, costs off, timing off, summary on) select * from ai_logs where (request_model = 'o3' or response_model = 'o3') order by occurred_at desc, id desc limit 50;
rollback;
select relname, pg_size_pretty(pg_relation_size(oid)) from pg_class where relname like 'ai_logs_p20261207%' or relname like 'ai_log_ids%' order by 1;
