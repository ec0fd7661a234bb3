-- Daily rollups, written with the minute and hourly ones, so that a long window reads its
-- whole days here and only its edges from the hourly and minute rollups. Monthly
-- partitions, made and dropped by the service like the others.
create table rollup_day (like rollup_minute including defaults, primary key (kind, name, model, operation, bucket))
    partition by range (bucket);
