-- Uptime checks (issue 22): admin-defined HTTP and TCP checks and the built-in checks of the
-- suite, each with its run schedule (next_run_at, claimed with FOR UPDATE SKIP LOCKED so no two
-- replicas run one check at once) and its current state; one small row per result, daily
-- counts per check for the 7/30/90-day figures and status bars, and the incidents.
create table uptime_checks (
    id                   uuid primary key,
    -- a small number for the result rows (4 bytes instead of a 16-byte uuid per result)
    no                   integer generated always as identity unique,
    name                 text        not null unique,
    kind                 text        not null, -- http, tcp, builtin
    spec                 jsonb       not null, -- url, method, expectedStatus, bodyContains / host, port
    timeout_ms           integer     not null,
    interval_seconds     integer     not null,
    failures_before_down integer     not null,
    version              integer     not null default 1,
    created_by           text        not null,
    created_at           timestamptz not null,
    updated_at           timestamptz not null,
    next_run_at          timestamptz not null,
    -- the state after the last result
    last_at              timestamptz,
    last_up              boolean,
    last_response_ms     integer,
    last_error           text,
    consecutive_failures integer     not null default 0,
    failing_since        timestamptz,
    open_incident        bigint
);
create index uptime_checks_due on uptime_checks (next_run_at);

-- no foreign key: a deleted check's results go with the retention job, cheaply
create table uptime_results (
    check_no    integer     not null,
    at          timestamptz not null,
    response_ms integer     not null,
    error       text, -- null when up
    primary key (check_no, at)
);

create table uptime_daily (
    check_no        integer not null,
    day             date    not null,
    runs            integer not null,
    up              integer not null,
    response_ms_sum bigint  not null,
    primary key (check_no, day)
);

create table uptime_incidents (
    id         bigserial primary key,
    check_id   uuid        not null references uptime_checks (id) on delete cascade,
    started_at timestamptz not null,
    ended_at   timestamptz,
    failures   integer     not null,
    cause      text        not null
);
create index uptime_incidents_check on uptime_incidents (check_id, started_at desc);
create index uptime_incidents_recent on uptime_incidents (started_at desc, id desc);
