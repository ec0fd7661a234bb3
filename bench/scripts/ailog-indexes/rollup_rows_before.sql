select pg_backend_pid() as pid \gset
\setenv PID :pid
\! awk '{print "cpu_before", $14+$15}' /proc/$PID/stat
do $$ begin for i in 0..39 loop

  insert into rm (kind, name, model, operation, bucket) select kind, name, model, operation, cast(bucket as timestamptz) from batch where b = i order by 1,2,3,4,5 on conflict do nothing;
  perform 1 from rm t join batch u on t.kind = u.kind and t.name = u.name and t.model = u.model and t.operation = u.operation and t.bucket = cast(u.bucket as timestamptz) where u.b = i order by t.kind, t.name, t.model, t.operation, t.bucket for update of t;
  update rm t set calls = t.calls + cast(u.calls as bigint), errors = t.errors + cast(u.errors as bigint), duration_sum_ms = t.duration_sum_ms + cast(u.ds as double precision), timed_calls = t.timed_calls + cast(u.tc as bigint), input_tokens = t.input_tokens + cast(u.it as bigint), output_tokens = t.output_tokens + cast(u.ot as bigint), cost_usd = t.cost_usd + cast(u.cost as numeric), unpriced_calls = t.unpriced_calls + cast(u.unp as bigint), sketch = decode(u.sketch, 'base64'), p50_ms = cast(u.p50 as double precision), p95_ms = cast(u.p95 as double precision), p99_ms = cast(u.p99 as double precision)
   from batch u where u.b = i and t.kind = u.kind and t.name = u.name and t.model = u.model and t.operation = u.operation and t.bucket = cast(u.bucket as timestamptz);
end loop; end $$;
\! awk '{print "cpu_after", $14+$15}' /proc/$PID/stat
delete from rm where bucket >= '2026-12-05';
vacuum rm;
