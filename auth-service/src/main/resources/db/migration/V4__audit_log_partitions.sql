-- Retention by whole partitions (DESIGN.md §5: audit log kept 2 years). audit_log becomes a
-- table partitioned by month of recorded_at. recorded_at only grows along the chain: appends
-- are serialised by an advisory lock and stamp recorded_at under it, so the oldest partition
-- always holds the start of the chain and dropping it cuts the chain at its head, never in its
-- middle.
--
-- When the retention job drops a partition it first writes an anchor: the seq and hash of the
-- last row it drops. Verification starts from the newest anchor instead of the genesis hash,
-- so a chain whose old months expired still verifies, while a partition dropped by hand (no
-- anchor) or an anchor that does not match the next row is reported as tampering.
alter table audit_log rename to audit_log_unpartitioned;
drop trigger audit_log_no_update_or_delete on audit_log_unpartitioned;
drop trigger audit_log_no_truncate on audit_log_unpartitioned;
alter index audit_log_time rename to audit_log_unpartitioned_time;
alter index audit_log_actor rename to audit_log_unpartitioned_actor;
alter index audit_log_target rename to audit_log_unpartitioned_target;

create sequence audit_log_seq;

-- Unique constraints on a partitioned table must hold the partition key, so id and event_id
-- are unique per partition only. Both are safe without more: id is a fresh random UUID, and
-- event ids are checked under the chain lock before every append (AuditLog.recordEvent).
create table audit_log (
    seq         bigint      not null default nextval('audit_log_seq'),
    id          uuid        not null,
    occurred_at timestamptz not null,
    recorded_at timestamptz not null,
    actor       text        not null,
    action      text        not null,
    target      text        not null,
    source      text        not null,
    event_id    text,
    details     text        not null,
    prev_hash   text        not null,
    hash        text        not null,
    primary key (seq, recorded_at)
) partition by range (recorded_at);
alter sequence audit_log_seq owned by audit_log.seq;

create index audit_log_time on audit_log (occurred_at desc, id desc);
create index audit_log_actor on audit_log (actor, occurred_at desc);
create index audit_log_target on audit_log (target, occurred_at desc);
create index audit_log_event on audit_log (event_id) where event_id is not null;
create index audit_log_chain on audit_log (seq desc);

-- One partition per calendar month (UTC), named audit_log_yYYYYmMM. The service creates the
-- coming months ahead at start and every day; this function is the one place that knows how.
create function audit_log_ensure_partition(month_start date) returns text language plpgsql as $$
declare
    first_day date := date_trunc('month', month_start)::date;
    name text := format('audit_log_y%sm%s', to_char(first_day, 'YYYY'), to_char(first_day, 'MM'));
begin
    if to_regclass(name) is not null then
        return name; -- the common case, on every append: no DDL, no lock on audit_log
    end if;
    execute format('create table if not exists %I partition of audit_log for values from (%L) to (%L)',
        name, (first_day::timestamp at time zone 'UTC'), ((first_day + interval '1 month')::timestamp at time zone 'UTC'));
    return name;
end
$$;

-- the months the existing rows need, and this one and the next two
select audit_log_ensure_partition(m::date)
from generate_series(
    date_trunc('month', least(coalesce((select min(recorded_at) from audit_log_unpartitioned), now()), now()) at time zone 'UTC'),
    date_trunc('month', now() at time zone 'UTC') + interval '2 months',
    interval '1 month') as m;

insert into audit_log (seq, id, occurred_at, recorded_at, actor, action, target, source, event_id, details,
                       prev_hash, hash)
select seq, id, occurred_at, recorded_at, actor, action, target, source, event_id, details, prev_hash, hash
from audit_log_unpartitioned order by seq;
select setval('audit_log_seq', coalesce((select max(seq) from audit_log), 0) + 1, false);
drop table audit_log_unpartitioned;

-- Append-only, as before: row triggers on a partitioned table apply to every partition.
create trigger audit_log_no_update_or_delete before update or delete on audit_log
    for each row execute function audit_log_refuse_change();
create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_refuse_change();

-- Where the chain starts once its oldest months expired. Append-only like the log.
create table audit_anchor (
    seq             bigint generated always as identity primary key,
    partition_name  text        not null,
    range_end       timestamptz not null, -- the dropped partition held rows recorded before this
    rows_dropped    bigint      not null,
    last_seq        bigint,               -- the last dropped row (null: the partition was empty)
    last_hash       text        not null, -- the hash the next row must name as its prev_hash
    dropped_at      timestamptz not null default now()
);
create trigger audit_anchor_no_update_or_delete before update or delete on audit_anchor
    for each row execute function audit_log_refuse_change();
create trigger audit_anchor_no_truncate before truncate on audit_anchor
    for each statement execute function audit_log_refuse_change();
