-- Issue 21: gauge readings are kept 90 days (XORSTACK_SYSTEM_METRICS_RETENTION); what goes
-- then is rolled up here, one row per gauge, label set and hour, and kept a year like the
-- other hourly rollups. sum and n rather than an average, so that readings of an hour
-- rolled up in two runs (a late reading) merge exactly.
create table system_metrics_hourly (
    name   text             not null,
    labels jsonb            not null,
    hour   timestamptz      not null,
    sum    double precision not null,
    min    double precision not null,
    max    double precision not null,
    n      bigint           not null,
    unit   text,
    primary key (name, labels, hour)
);
create index system_metrics_hourly_name_hour on system_metrics_hourly (name, hour);
