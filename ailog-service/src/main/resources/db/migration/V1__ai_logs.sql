-- AI-call logs, partitioned by day on occurred_at; partitions are created ahead by the service.
create table ai_logs (
    id                      uuid        not null,
    occurred_at             timestamptz not null,
    function_name           text        not null,
    operation               text,
    provider                text,
    request_model           text,
    response_model          text,
    input_hash              text,
    output_preview          text,
    duration_ms             integer     not null check (duration_ms >= 0),
    time_to_first_token_ms  integer,
    input_tokens            integer,
    output_tokens           integer,
    cache_read_input_tokens integer,
    status                  text        not null check (status in ('success', 'error')),
    error_type              text,
    finish_reasons          text[],
    user_id                 text,
    session_id              text,
    conversation_id         text,
    trace_id                text,
    span_id                 text,
    attributes              jsonb       not null default '{}',
    recorded_at             timestamptz not null default now(),
    primary key (id, occurred_at)
) partition by range (occurred_at);
create table ai_logs_default partition of ai_logs default;
