-- Alerting: threshold rules over the rollups, their current state, the history of state
-- changes (the unit of acknowledgement), silences, and one delivery row per change and
-- receiver (unique, so a change is never sent twice to one receiver).
create table alert_rules (
    id             uuid primary key,
    name           text        not null unique,
    metric         text        not null,
    labels         jsonb       not null,
    operator       text        not null,
    threshold      double precision not null,
    window_seconds bigint      not null,
    for_seconds    bigint      not null,
    severity       text        not null,
    receivers      jsonb       not null,
    version        integer     not null default 1,
    created_by     text        not null,
    created_at     timestamptz not null,
    updated_at     timestamptz not null
);

create table alert_state (
    rule_id           uuid        not null references alert_rules (id) on delete cascade,
    group_key         text        not null,
    state             text        not null,
    since             timestamptz not null,
    last_value        double precision,
    evaluated_at      timestamptz not null,
    transition_seq    bigint      not null,
    primary key (rule_id, group_key)
);

-- no foreign key to the rule: history outlives a deleted rule
create table alert_history (
    id             bigserial primary key,
    rule_id        uuid        not null,
    rule_name      text        not null,
    group_key      text        not null,
    transition_seq bigint      not null,
    from_state     text        not null,
    to_state       text        not null,
    value          double precision,
    threshold      double precision not null,
    metric         text        not null,
    severity       text        not null,
    labels         jsonb       not null,
    at             timestamptz not null,
    silenced_by    uuid,
    ack_by         text,
    ack_at         timestamptz,
    unique (rule_id, group_key, transition_seq)
);
create index alert_history_recent on alert_history (id desc);

create table silences (
    id         uuid primary key,
    rule_name  text,
    matchers   jsonb       not null,
    starts_at  timestamptz not null,
    ends_at    timestamptz not null,
    comment    text        not null,
    created_by text        not null,
    created_at timestamptz not null
);

create table notification_deliveries (
    id              bigserial primary key,
    history_id      bigint      not null references alert_history (id) on delete cascade,
    receiver_key    text        not null,
    receiver        jsonb       not null,
    status          text        not null, -- pending, sending, sent, failed
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null,
    claimed_until   timestamptz,
    last_error      text,
    sent_at         timestamptz,
    unique (history_id, receiver_key)
);
create index notification_deliveries_due on notification_deliveries (next_attempt_at) where status <> 'sent';

-- alerts.events.v1 leave through the platform outbox, written with the history row
create table outbox (
    seq          bigserial primary key,
    event_id     uuid        not null unique,
    topic        text        not null,
    event_key    text        not null,
    event_type   text        not null,
    occurred_at  timestamptz not null,
    payload      json        not null, -- json, not jsonb: the event data leaves byte for byte as written
    traceparent  text,
    published_at timestamptz
);
create index outbox_pending on outbox (seq) where published_at is null;
