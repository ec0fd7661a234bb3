-- Issue 23: each service's unhandled errors (com.xorstack.system.error.v1 on system.metrics.v1)
-- for the console's Errors view: counts by service, route and exception class over time, and
-- the recent occurrences with their traces. Class, route pattern, method and status only: no
-- message, no path, nothing that names a person. Kept ErrorOccurrences.KEPT (30 days, as raw
-- request events); older rows go as later batches arrive.
create table error_occurrence (
    event_id       text primary key,
    at             timestamptz not null,
    service        text not null,
    route          text not null,
    method         text not null,
    status         integer not null,
    exception_type text not null,
    trace_id       text
);
create index error_occurrence_at on error_occurrence (at);
create index error_occurrence_service_at on error_occurrence (service, at);
