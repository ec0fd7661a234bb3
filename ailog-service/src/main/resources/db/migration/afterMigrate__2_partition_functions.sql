-- Flyway callback after platform's afterMigrate__1_runtime_role.sql: ailog-service's runtime
-- role makes and drops the daily partitions only through the functions of V3.
do $$
declare
    runtime constant text := '${runtime_role}';
begin
    if runtime = current_user then
        return;
    end if;
    execute format('grant execute on function ai_logs_create_partition(date), ai_logs_drop_partition(date) to %I',
        runtime);
end
$$;
