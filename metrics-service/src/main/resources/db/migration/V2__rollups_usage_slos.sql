-- Rollups of API requests (kind 'api', name = gateway route), AI calls (kind 'ai',
-- name = function, model, operation) and dashboard loads (kind 'dashboard'). Every event
-- also lands in the row whose name, model and operation are '*', so that a summary
-- without label filters reads one row per bucket. The sketch is a DDSketch (relative
-- accuracy 1 %) of durationMs in its own binary encoding, merged in Java on read.
-- Partitions (a day of minute buckets, a month of hour buckets) are made by the service
-- as data arrives and dropped whole by its retention job.
create table rollup_minute (
    kind            text             not null,
    name            text             not null,
    model           text             not null,
    operation       text             not null,
    bucket          timestamptz      not null,
    calls           bigint           not null default 0,
    errors          bigint           not null default 0,
    duration_sum_ms double precision not null default 0,
    timed_calls     bigint           not null default 0,
    input_tokens    bigint           not null default 0,
    output_tokens   bigint           not null default 0,
    cost_usd        numeric(20, 8)   not null default 0,
    unpriced_calls  bigint           not null default 0,
    sketch          bytea,
    primary key (kind, name, model, operation, bucket)
) partition by range (bucket);

create table rollup_hour (like rollup_minute including defaults, primary key (kind, name, model, operation, bucket))
    partition by range (bucket);

-- The last time each session was seen (gateway requests, AI calls, usage events).
create table session_activity (
    session_id text        primary key,
    last_seen  timestamptz not null
);
create index session_activity_last_seen on session_activity (last_seen);

-- Distinct users and sessions per UTC day, and usage events per day and kind.
create table daily_users (
    day     date not null,
    user_id text not null,
    primary key (day, user_id)
);
create table daily_sessions (
    day        date not null,
    session_id text not null,
    primary key (day, session_id)
);
create table usage_daily (
    day    date   not null,
    kind   text   not null,
    events bigint not null default 0,
    primary key (day, kind)
);

-- Gauge readings as they come (low volume: a handful of gauges a minute).
create table system_metrics (
    id     text             primary key,
    name   text             not null,
    value  double precision not null,
    unit   text,
    labels jsonb            not null default '{}'::jsonb,
    at     timestamptz      not null
);
create index system_metrics_name_at on system_metrics (name, at);

-- SLO targets; the seed's defaults, changed by admins through PUT /api/admin/slos.
create table slo_targets (
    metric      text             primary key,
    target      double precision not null check (target > 0),
    unit        text             not null,
    description text             not null,
    updated_at  timestamptz      not null default now(),
    updated_by  text
);
insert into slo_targets (metric, target, unit, description) values
    ('edge_function_latency_avg_ms', 500, 'ms', 'Average AI call (edge function) latency'),
    ('error_rate_percent', 2, 'percent', 'Share of AI calls (edge functions) that failed'),
    ('ai_p95_ms', 3000, 'ms', '95th percentile of AI call latency'),
    ('dashboard_load_p95_ms', 2000, 'ms', '95th percentile of dashboard summary load time at the gateway');

create index processed_events_processed_at on processed_events (processed_at);
