-- The shape of the outbox table that OutboxRelay reads. Each publishing service copies this
-- into one of its own Flyway migrations, so that its schema history stays its own.
create table outbox (
    seq          bigserial primary key,
    event_id     uuid        not null unique,
    topic        text        not null,
    event_key    text        not null,
    event_type   text        not null,
    occurred_at  timestamptz not null,
    payload      json        not null, -- json, not jsonb: the event data leaves byte for byte as written
    published_at timestamptz,
    traceparent  text         -- W3C trace context of the request that appended it, sent as a Kafka header
);
create index outbox_pending on outbox (seq) where published_at is null;
