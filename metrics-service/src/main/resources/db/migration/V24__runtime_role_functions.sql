-- Issue 18: the service no longer connects as the owner of its tables (afterMigrate.sql grants
-- the runtime role rows, not DDL). Making and dropping rollup partitions needs ownership, so
-- both happen in functions that run as their owner (security definer) and check their
-- arguments: a rollup table, a partition name of that table, a range of at most a month. Only
-- the runtime role may execute them. A fixed search_path (public, where only the owner
-- creates, pg_temp last): such a function must not resolve names through a schema the caller
-- controls.

create function rollup_create_partition(parent text, name text, range_from timestamptz, range_to timestamptz)
    returns void language plpgsql security definer set search_path = public, pg_temp as $$
begin
    if parent not in ('rollup_minute', 'rollup_hour', 'rollup_day') then
        raise exception 'not a rollup table: %', parent using errcode = 'insufficient_privilege';
    end if;
    if name !~ ('^' || parent || '_p[0-9]{6}([0-9]{2})?$') then
        raise exception 'not a partition name of %: %', parent, name using errcode = 'insufficient_privilege';
    end if;
    if range_from >= range_to or range_to - range_from > interval '31 days' then
        raise exception 'not a partition range: % to %', range_from, range_to using errcode = 'invalid_parameter_value';
    end if;
    execute format('create table if not exists %I partition of %I for values from (%L) to (%L)',
        name, parent, range_from, range_to);
end
$$;
revoke all on function rollup_create_partition(text, text, timestamptz, timestamptz) from public;

-- Drops a partition of a rollup table, and nothing else; one already gone is no error.
create function rollup_drop_partition(name text) returns void language plpgsql
    security definer set search_path = public, pg_temp as $$
begin
    if exists (select from pg_inherits i join pg_class c on c.oid = i.inhrelid join pg_class p on p.oid = i.inhparent
               where c.relname = name and p.relname in ('rollup_minute', 'rollup_hour', 'rollup_day')) then
        execute format('drop table %I', name);
    elsif to_regclass(name) is not null then
        raise exception 'not a rollup partition: %', name using errcode = 'insufficient_privilege';
    end if;
end
$$;
revoke all on function rollup_drop_partition(text) from public;
