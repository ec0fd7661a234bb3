-- Issue 24: the slowest gateway requests with the id of their trace, so that the Performance tab
-- leads from a slow number to the request's trace. Each batch of gateway.request.v1 keeps its
-- few slowest (SlowRequests.PER_BATCH); rows older than a day go as later batches arrive. Route,
-- method and status only: a path can name a person's resources.
create table slow_request (
    event_id    text primary key,
    at          timestamptz not null,
    route       text not null,
    method      text not null,
    status      integer not null,
    duration_ms double precision not null,
    trace_id    text not null
);
create index slow_request_at on slow_request (at);
