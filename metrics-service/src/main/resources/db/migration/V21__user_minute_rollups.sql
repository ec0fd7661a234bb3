-- Per-user minute rollups for per-user alert rules: one row per kind ('api', 'ai'), user
-- and minute, with the same sums and DDSketch as rollup_minute but no route, function or
-- model. Kept briefly (xorstack.metrics.retention.user-minute-rollups, 2 days by default):
-- the retention job deletes the rows past it.
create table rollup_user_minute (
    kind            text             not null,
    user_id         text             not null,
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
    primary key (kind, bucket, user_id)
);
-- rules filtered on one user read that user's rows only
create index rollup_user_minute_user on rollup_user_minute (user_id, kind, bucket);
