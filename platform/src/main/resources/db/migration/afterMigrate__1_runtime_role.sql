-- Flyway callback of every service with a database (shipped by platform, found on the
-- classpath beside the service's own migrations), after every migrate, as the owner role:
-- gives the runtime role (the R2DBC user, placeholder runtime_role) rows of the service's
-- tables (never the migration history) and its sequences, but no DDL, TRUNCATE or triggers,
-- and revokes the rest. A service narrows or extends this in its own afterMigrate__2_*.sql,
-- which Flyway runs after this one. Idempotent, and a no-op when one user does both (a setup
-- with a single database user keeps working, without the separation).
do $$
declare
    runtime constant text := '${runtime_role}';
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
    execute format('grant select, insert, update, delete on all tables in schema public to %I', runtime);
    execute format('revoke all on %I from %I', '${flyway:table}', runtime);
    execute format('revoke all on all sequences in schema public from %I', runtime);
    execute format('grant usage, select on all sequences in schema public to %I', runtime);

    revoke all on all functions in schema public from public;
    execute format('revoke all on all functions in schema public from %I', runtime);

    -- tables the owner makes between migrations, such as partitions
    execute format('alter default privileges in schema public revoke all on tables from %I', runtime);
    execute format('alter default privileges in schema public grant select, insert, update, delete on tables to %I',
        runtime);
    alter default privileges revoke execute on functions from public;
end
$$;
