-- Flyway callback after platform's afterMigrate__1_runtime_role.sql: metrics-service's runtime
-- role makes and drops the rollup partitions only through the functions of V24.
do $$
declare
    runtime constant text := '${runtime_role}';
begin
    if runtime = current_user then
        return;
    end if;
    execute format('grant execute on function rollup_create_partition(text, text, timestamptz, timestamptz),'
        || ' rollup_drop_partition(text) to %I', runtime);
end
$$;
