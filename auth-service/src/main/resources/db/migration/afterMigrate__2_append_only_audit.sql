-- Flyway callback after platform's afterMigrate__1_runtime_role.sql, which gives auth-service's
-- runtime role rows of every table: the audit log and its anchors are read and appended to,
-- never changed (no UPDATE or DELETE; only the owner may alter them or their triggers).
-- Partitions are made and dropped through the functions of V7, so what the owner makes later
-- (partitions of the log) is append-only too.
do $$
declare
    runtime constant text := '${runtime_role}';
    partition_name text;
begin
    if runtime = current_user then
        return;
    end if;
    execute format('revoke update, delete on audit_log, audit_anchor from %I', runtime);
    -- the partitions, which retention reads by name
    for partition_name in select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
        where i.inhparent = 'audit_log'::regclass loop
        execute format('revoke update, delete on %I from %I', partition_name, runtime);
    end loop;
    execute format('grant execute on function audit_log_ensure_partition(date), audit_log_drop_partition(date) to %I',
        runtime);
    execute format('alter default privileges in schema public revoke update, delete on tables from %I', runtime);
end
$$;
