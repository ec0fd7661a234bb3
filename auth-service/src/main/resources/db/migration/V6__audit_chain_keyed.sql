-- Issue 18: the audit log tamper-evident against a superuser of this database.
--
-- 1. Every partition refuses TRUNCATE. A statement trigger on the partitioned parent fires
--    for "truncate audit_log" only, not for a partition truncated by name, so each partition
--    carries the trigger of its own: the existing ones below, the coming ones from
--    audit_log_ensure_partition, the one place partitions are made. (An event trigger would
--    need a superuser to create it, which the owner role that runs migrations is not meant
--    to be, and event triggers do not fire on TRUNCATE anyway.)
--
-- 2. The chain is keyed from here on. chain_version 1 is the unkeyed SHA-256 chain every
--    existing row was written with; it is kept as it is and still verifies. Rows the service
--    writes from now on carry the version of the key they were signed with (2 and up):
--    HMAC-SHA256 with a secret that is not in this database (AUDIT_CHAIN_KEY). The first
--    keyed row links to the last unkeyed one, so its HMAC also seals everything before it.
alter table audit_log add column chain_version smallint not null default 1;
alter table audit_log alter column chain_version drop default;

create or replace function audit_log_ensure_partition(month_start date) returns text language plpgsql as $$
declare
    first_day date := date_trunc('month', month_start)::date;
    name text := format('audit_log_y%sm%s', to_char(first_day, 'YYYY'), to_char(first_day, 'MM'));
begin
    if to_regclass(name) is not null then
        return name; -- the common case, on every append: no DDL, no lock on audit_log
    end if;
    execute format('create table if not exists %I partition of audit_log for values from (%L) to (%L)',
        name, (first_day::timestamp at time zone 'UTC'), ((first_day + interval '1 month')::timestamp at time zone 'UTC'));
    execute format('create or replace trigger audit_log_partition_no_truncate before truncate on %I'
        || ' for each statement execute function audit_log_refuse_change()', name);
    return name;
end
$$;

do $$
declare
    partition_name text;
begin
    for partition_name in
        select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
        where i.inhparent = 'audit_log'::regclass
    loop
        execute format('create or replace trigger audit_log_partition_no_truncate before truncate on %I'
            || ' for each statement execute function audit_log_refuse_change()', partition_name);
    end loop;
end
$$;
