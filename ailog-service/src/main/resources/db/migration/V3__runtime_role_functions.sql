-- Issue 18: the service no longer connects as the owner of its tables (afterMigrate.sql grants
-- the runtime role rows, not DDL). Making and dropping the daily partitions of ai_logs needs
-- ownership, so both happen in functions that run as their owner (security definer), take a
-- day, not a name, and check what they are asked to do. Only the runtime role may execute
-- them. A fixed search_path (public, where only the owner creates, pg_temp last): such a
-- function must not resolve names through a schema the caller controls.

create function ai_logs_create_partition(day date) returns text language plpgsql
    security definer set search_path = public, pg_temp as $$
declare
    name text := 'ai_logs_p' || to_char(day, 'YYYYMMDD');
begin
    if to_regclass(name) is not null then
        return name;
    end if;
    execute format('create table if not exists %I partition of ai_logs for values from (%L) to (%L)',
        name, (day::timestamp at time zone 'UTC'), ((day + 1)::timestamp at time zone 'UTC'));
    return name;
end
$$;
revoke all on function ai_logs_create_partition(date) from public;

-- Retention's drop (PartitionArchiver): only a partition of ai_logs whose archive manifest,
-- recorded in the same transaction before, counts the rows it holds.
create function ai_logs_drop_partition(day date) returns text language plpgsql
    security definer set search_path = public, pg_temp as $$
declare
    name text := 'ai_logs_p' || to_char(day, 'YYYYMMDD');
    rows_now bigint;
begin
    if not exists (select from pg_inherits i join pg_class c on c.oid = i.inhrelid
                   where i.inhparent = 'ai_logs'::regclass and c.relname = name) then
        raise exception 'ai_logs: no partition %', name using errcode = 'undefined_table';
    end if;
    execute format('select count(*) from %I', name) into rows_now;
    if not exists (select from archive_manifests m where m.partition_name = name and m.row_count = rows_now
                   and m.restored_at is null) then
        raise exception 'ai_logs: % has no archive manifest of its % rows, refused', name, rows_now
            using errcode = 'insufficient_privilege';
    end if;
    execute format('drop table %I', name);
    return name;
end
$$;
revoke all on function ai_logs_drop_partition(date) from public;
