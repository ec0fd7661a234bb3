-- the transactional outbox of auth.role-events.v1 (shape: platform db/outbox.sql)
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
