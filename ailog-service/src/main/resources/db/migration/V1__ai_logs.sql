-- AI-call logs, partitioned by day on occurred_at. The service creates the daily partitions
-- ahead (and on demand for a late event within the retention period); the default partition
-- is only a safety net and stays empty in normal operation.
create table ai_logs (
    id                      uuid             not null,
    occurred_at             timestamptz      not null,
    function_name           text             not null,
    operation               text,
    provider                text,
    request_model           text,
    response_model          text,
    input_hash              text,
    output_preview          text,
    duration_ms             double precision check (duration_ms >= 0),
    time_to_first_token_ms  double precision check (time_to_first_token_ms >= 0),
    input_tokens            integer          check (input_tokens >= 0),
    output_tokens           integer          check (output_tokens >= 0),
    cache_read_input_tokens integer          check (cache_read_input_tokens >= 0),
    status                  text             not null check (status in ('success', 'error')),
    error_type              text,
    finish_reasons          text[],
    user_id                 text,
    session_id              text,
    conversation_id         text,
    trace_id                text,
    span_id                 text,
    attributes              jsonb            not null default '{}',
    cost_usd                numeric(20, 10),
    priced                  boolean          not null default false,
    recorded_at             timestamptz      not null default now(),
    primary key (id, occurred_at)
) partition by range (occurred_at);
create table ai_logs_default partition of ai_logs default;

create index ai_logs_time on ai_logs (occurred_at desc, id desc);
create index ai_logs_function on ai_logs (function_name, occurred_at desc);
create index ai_logs_request_model on ai_logs (request_model, occurred_at desc);
create index ai_logs_response_model on ai_logs (response_model, occurred_at desc);
create index ai_logs_user on ai_logs (user_id, occurred_at desc) where user_id is not null;
create index ai_logs_status on ai_logs (status, occurred_at desc);
create index ai_logs_input_hash on ai_logs (input_hash) where input_hash is not null;

-- The idempotency check. A unique index on a partitioned table must contain the partition
-- key, so (id, occurred_at) alone would let a redelivery with another occurredAt in. This
-- small unpartitioned table holds every stored id once; retention deletes the ids of the
-- partitions it drops. It also finds a log by id without scanning every partition.
create table ai_log_ids (
    id          uuid        primary key,
    occurred_at timestamptz not null
);
create index ai_log_ids_time on ai_log_ids (occurred_at);

-- Versioned model prices in US dollars per million tokens. A price applies from valid_from
-- until the next row of the same model. A model name matches exactly or as the prefix of a
-- dated name (gpt-4o matches gpt-4o-2024-08-06); the longest match wins.
create table model_prices (
    model               text           not null,
    valid_from          timestamptz    not null,
    input_per_mtok      numeric(12, 6) not null check (input_per_mtok >= 0),
    output_per_mtok     numeric(12, 6) not null check (output_per_mtok >= 0),
    cache_read_per_mtok numeric(12, 6) check (cache_read_per_mtok >= 0),
    primary key (model, valid_from)
);
insert into model_prices (model, valid_from, input_per_mtok, output_per_mtok, cache_read_per_mtok) values
    ('gpt-4o',                 '2024-01-01T00:00:00Z',  2.50, 10.00, 1.25),
    ('gpt-4o-mini',            '2024-01-01T00:00:00Z',  0.15,  0.60, 0.075),
    ('text-embedding-3-small', '2024-01-01T00:00:00Z',  0.02,  0.00, null),
    ('claude-sonnet-4',        '2024-01-01T00:00:00Z',  3.00, 15.00, 0.30),
    ('claude-3-5-haiku',       '2024-01-01T00:00:00Z',  0.80,  4.00, 0.08),
    ('gemini-2.0-flash',       '2024-01-01T00:00:00Z',  0.10,  0.40, 0.025);

-- One row per archived (and dropped) partition; the manifest file beside the archive holds
-- the same facts.
create table archive_manifests (
    partition_name text        primary key,
    range_from     timestamptz not null,
    range_to       timestamptz not null,
    row_count      bigint      not null,
    sha256         text        not null,
    archive_path   text        not null,
    archived_at    timestamptz not null default now(),
    restored_at    timestamptz
);

-- The outbox of platform's OutboxRelay (same shape as platform db/outbox.sql).
create table outbox (
    seq          bigserial primary key,
    event_id     uuid        not null unique,
    topic        text        not null,
    event_key    text        not null,
    event_type   text        not null,
    occurred_at  timestamptz not null,
    payload      json        not null, -- json, not jsonb: the event data leaves byte for byte as written
    published_at timestamptz
);
create index outbox_pending on outbox (seq) where published_at is null;
