-- The p50, p95 and p99 of each row's own sketch, written with the sketch, so that a time
-- series whose step is one bucket reads three numbers per point instead of decoding a
-- sketch. They are what the row's sketch answers, exactly; a window of several rows still
-- merges the sketches. Rows written before this migration have them null: readers decode
-- those rows' sketches, and the rows age out with retention.
alter table rollup_minute
    add column p50_ms double precision,
    add column p95_ms double precision,
    add column p99_ms double precision;
alter table rollup_hour
    add column p50_ms double precision,
    add column p95_ms double precision,
    add column p99_ms double precision;
alter table rollup_day
    add column p50_ms double precision,
    add column p95_ms double precision,
    add column p99_ms double precision;
