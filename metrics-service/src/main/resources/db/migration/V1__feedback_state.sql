-- Event ids already applied, per consumer: at-least-once delivery, exactly-once effect.
create table processed_events (
    event_id     text        not null,
    consumer     text        not null,
    processed_at timestamptz not null default now(),
    primary key (consumer, event_id)
);

-- The latest known state of each feedback item, folded from feedback.events.v1.
create table feedback_state (
    feedback_id uuid primary key,
    status      text        not null,
    category    text,
    priority    text,
    version     bigint      not null default 0,
    changed_at  timestamptz not null
);
create index feedback_state_status on feedback_state (status);
