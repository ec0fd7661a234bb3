-- A table shaped like metrics-service's rollup_minute with 200 000 rows, and 40 batches of 2 000
-- new keys with their sums and an 80-byte sketch, as RollupWriter binds them (text arrays).
create table rm (kind text not null, name text not null, model text not null, operation text not null, bucket timestamptz not null,
 calls bigint not null default 0, errors bigint not null default 0, duration_sum_ms double precision not null default 0,
 timed_calls bigint not null default 0, input_tokens bigint not null default 0, output_tokens bigint not null default 0,
 cost_usd numeric(20,8) not null default 0, unpriced_calls bigint not null default 0, sketch bytea,
 p50_ms double precision, p95_ms double precision, p99_ms double precision, primary key (kind, name, model, operation, bucket));
insert into rm (kind, name, model, operation, bucket, calls, sketch) select 'ai', 'fn-' || (n % 72), 'm', 'chat', timestamptz '2026-12-01' + (n / 72) * interval '1 minute', 1, decode(repeat('ab', 40), 'hex') from generate_series(0, 199999) n;
create table batch as select b, 'ai'::text kind, 'fn-' || (n % 72) as name, 'm'::text as model, 'chat'::text operation, (timestamptz '2026-12-05' + (b * 2000 + n) / 72 * interval '1 minute')::text bucket,
 '1'::text calls, '0'::text errors, '1234.5'::text ds, '1'::text tc, '300'::text it, '200'::text ot, '0.00012345'::text cost, '0'::text unp, encode(decode(repeat('cd', 40), 'hex'), 'base64') sketch, '1234.5'::text p50, '1234.5'::text p95, '1234.5'::text p99
 from generate_series(0, 39) b, generate_series(0, 1999) n;
create index on batch (b);
analyze;
