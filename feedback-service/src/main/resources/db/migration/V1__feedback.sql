create table user_feedback (
    id          uuid primary key,
    user_id     text        not null,
    category    text        not null check (category in ('bug', 'feature', 'question', 'general')),
    message     text        not null check (char_length(message) between 1 and 5000),
    page_url    text,
    trace_id    text,
    ai_log_id   uuid,
    rating      smallint check (rating between 1 and 5),
    metadata    jsonb       not null default '{}',
    status      text        not null default 'pending' check (status in ('pending', 'reviewed', 'resolved')),
    priority    text        not null default 'medium' check (priority in ('low', 'medium', 'high', 'critical')),
    note        text,
    version     bigint      not null default 0,
    created_at  timestamptz not null,
    updated_at  timestamptz not null
);
-- "my feedback, newest first" with keyset pagination
create index user_feedback_owner on user_feedback (user_id, created_at desc, id desc);
create index user_feedback_status on user_feedback (status, created_at desc);

-- the transactional outbox (shape: platform db/outbox.sql)
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
