-- The audit log of every privileged action in the suite. Append-only: the triggers below
-- refuse UPDATE, DELETE and TRUNCATE for every role, the owner included. Each row carries the
-- SHA-256 of the row before it (prev_hash) and of itself over that and its content (hash), so
-- that GET /api/admin/audit/verify finds any row changed behind the triggers' back.
-- Retention by whole time partitions (2 years) is not here yet: see the issue.
create table audit_log (
    seq         bigint generated always as identity primary key, -- the chain order
    id          uuid        not null unique,
    occurred_at timestamptz not null,
    recorded_at timestamptz not null,
    actor       text        not null,
    action      text        not null,
    target      text        not null,
    source      text        not null,
    event_id    text unique, -- ce_id of the audit.events.v1 record it came from, null when written here
    details     text        not null, -- JSON as text: hashed byte for byte as written (a json or jsonb
                                      -- parameter may come back re-spaced)
    prev_hash   text        not null,
    hash        text        not null
);
create index audit_log_time on audit_log (occurred_at desc, id desc);
create index audit_log_actor on audit_log (actor, occurred_at desc);
create index audit_log_target on audit_log (target, occurred_at desc);

create function audit_log_refuse_change() returns trigger language plpgsql as $$
begin
    raise exception 'audit_log is append-only: % refused', tg_op using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_log_no_update_or_delete before update or delete on audit_log
    for each row execute function audit_log_refuse_change();
create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_refuse_change();
