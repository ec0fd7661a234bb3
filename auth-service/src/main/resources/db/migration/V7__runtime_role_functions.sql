-- Issue 18: the service no longer connects as the owner of its tables. Flyway runs as the
-- owner role; the service runs as a runtime role that may only read and append to the audit
-- log (afterMigrate.sql). Making and dropping partitions needs ownership of audit_log, so
-- both happen in functions that run as their owner (security definer), take a date, not a
-- name, and check what they are asked to do. Only the runtime role may execute them.

-- A fixed search_path (public, where only the owner creates, and pg_temp last): a security
-- definer function must not resolve names through a schema the caller controls.
alter function audit_log_ensure_partition(date) security definer set search_path = public, pg_temp;
revoke all on function audit_log_ensure_partition(date) from public;

-- Retention's drop (AuditRetention): only the oldest month, only once it has ended, and only
-- after the anchor of its last row was written in the same transaction, so that a drop
-- always leaves the chain verifiable from the anchor.
create function audit_log_drop_partition(month_start date) returns text language plpgsql
    security definer set search_path = public, pg_temp as $$
declare
    first_day date := date_trunc('month', month_start)::date;
    name text := format('audit_log_y%sm%s', to_char(first_day, 'YYYY'), to_char(first_day, 'MM'));
    oldest text;
    row_count bigint;
    last_row bigint;
begin
    select c.relname into oldest from pg_inherits i join pg_class c on c.oid = i.inhrelid
        where i.inhparent = 'audit_log'::regclass order by c.relname limit 1;
    if oldest is distinct from name then
        raise exception 'audit_log: % is not the oldest partition (%), refused', name, oldest
            using errcode = 'insufficient_privilege';
    end if;
    if (first_day + interval '1 month') > now() then
        raise exception 'audit_log: % has not ended yet, refused', name using errcode = 'insufficient_privilege';
    end if;
    execute format('select count(*), max(seq) from %I', name) into row_count, last_row;
    if not exists (select from (select * from audit_anchor order by seq desc limit 1) a
                   where a.partition_name = name and a.rows_dropped = row_count
                     and a.last_seq is not distinct from last_row) then
        raise exception 'audit_log: % has no anchor of its last row, refused', name
            using errcode = 'insufficient_privilege';
    end if;
    execute format('drop table %I', name);
    return name;
end
$$;
revoke all on function audit_log_drop_partition(date) from public;
