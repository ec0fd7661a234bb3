-- Flyway callback, after every migrate, as the owner role: gives the runtime role (the R2DBC
-- user, placeholder runtime_role) what auth-service needs and revokes the rest. The audit log
-- and its anchors are read and appended to, never changed: no UPDATE, DELETE or TRUNCATE, and
-- only the owner may alter them or their triggers. Partitions are made and dropped through
-- the functions of V7. Idempotent, and a no-op when one user does both (a setup with a single
-- database user keeps working, without the separation).
do $$
declare
    runtime constant text := '${runtime_role}';
    partition_name text;
begin
    if runtime = current_user then
        return;
    end if;
    if not exists (select from pg_roles where rolname = runtime) then
        raise exception 'The runtime role % (spring.r2dbc.username) does not exist', runtime;
    end if;
    -- only the database's own roles connect; the owner of the database may say so
    if pg_has_role(current_user, (select datdba from pg_database where datname = current_database()), 'member') then
        execute format('revoke all on database %I from public', current_database());
        execute format('grant connect on database %I to %I', current_database(), runtime);
    end if;
    if pg_has_role(current_user, (select nspowner from pg_namespace where nspname = 'public'), 'member') then
        revoke create on schema public from public;
    end if;
    execute format('grant usage on schema public to %I', runtime);

    execute format('revoke all on all tables in schema public from %I', runtime);
    execute format('grant select, insert, update, delete on user_roles, outbox to %I', runtime);
    execute format('grant select, insert on audit_log, audit_anchor to %I', runtime);
    -- the partitions, which retention reads by name
    for partition_name in select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
        where i.inhparent = 'audit_log'::regclass loop
        execute format('grant select, insert on %I to %I', partition_name, runtime);
    end loop;
    execute format('revoke all on all sequences in schema public from %I', runtime);
    execute format('grant usage, select on all sequences in schema public to %I', runtime);

    revoke all on all functions in schema public from public;
    execute format('revoke all on all functions in schema public from %I', runtime);
    execute format('grant execute on function audit_log_ensure_partition(date), audit_log_drop_partition(date) to %I',
        runtime);

    -- what the owner makes later is made by audit_log_ensure_partition: partitions of the log
    execute format('alter default privileges in schema public revoke all on tables from %I', runtime);
    execute format('alter default privileges in schema public grant select, insert on tables to %I', runtime);
    alter default privileges revoke execute on functions from public;
end
$$;
