select pg_backend_pid() as pid \gset
\setenv PID :pid
\! awk '{print "cpu_before", $14+$15}' /proc/$PID/stat
do $$ begin for i in 0..39 loop
  insert into rm (kind, name, model, operation, bucket, calls, errors, duration_sum_ms, timed_calls, input_tokens, output_tokens, cost_usd, unpriced_calls, sketch, p50_ms, p95_ms, p99_ms)
   select kind, name, model, operation, cast(bucket as timestamptz), cast(calls as bigint), cast(errors as bigint), cast(ds as double precision), cast(tc as bigint), cast(it as bigint), cast(ot as bigint), cast(cost as numeric), cast(unp as bigint), decode(sketch, 'base64'), cast(p50 as double precision), cast(p95 as double precision), cast(p99 as double precision)
   from batch where b = i order by 1,2,3,4,5 on conflict do nothing;
end loop; end $$;
\! awk '{print "cpu_after", $14+$15}' /proc/$PID/stat
delete from rm where bucket >= '2026-12-05';
vacuum rm;
