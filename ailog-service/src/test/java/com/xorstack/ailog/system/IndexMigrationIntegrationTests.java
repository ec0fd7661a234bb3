package com.xorstack.ailog.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;

import com.xorstack.devstack.TestStack;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * V4 (issue #26) drops and replaces indexes of a partitioned table that holds data in
 * production: it must apply to a database at V3 with rows in its partitions, keep every
 * row, leave the indexes the queries use (docs/BENCHMARKS.md, "AI-log indexes") on every
 * partition, and keep a log findable by id and an id storable once.
 */
class IndexMigrationIntegrationTests {

	private static final String ID = "0f8fad5b-d9cb-469f-a165-70867728950e";

	@Test
	void appliesToADatabaseWithRowsAndKeepsThem() throws SQLException {
		Map<String, String> properties = TestStack.get().springPropertiesOfScratchDatabase("ailog_upgrade", "ailog");
		String url = properties.get("spring.flyway.url");
		String user = properties.get("spring.flyway.user");
		String password = properties.get("spring.flyway.password");
		flyway(url, user, password, properties.get("spring.r2dbc.username"), "3").migrate();
		try (Connection db = DriverManager.getConnection(url, user, password); Statement sql = db.createStatement()) {
			sql.execute("select ai_logs_create_partition(current_date)");
			sql.execute("insert into ai_logs (id, occurred_at, function_name, status, user_id)"
					+ " select gen_random_uuid(), now() - n * interval '1 second', 'coach-reply',"
					+ " case when n % 20 = 0 then 'error' else 'success' end, 'user-' || n % 7"
					+ " from generate_series(1, 500) n");
			sql.execute("insert into ai_logs (id, occurred_at, function_name, status)" + " values ('" + ID
					+ "', now() - interval '1 hour', 'triage-symptoms', 'success')");
			sql.execute("insert into ai_log_ids select id, occurred_at from ai_logs");
		}

		flyway(url, user, password, properties.get("spring.r2dbc.username"), null).migrate();

		try (Connection db = DriverManager.getConnection(url, user, password); Statement sql = db.createStatement()) {
			assertThat(single(sql, "select count(*) from ai_logs")).isEqualTo("501");
			assertThat(single(sql, "select count(*) from ai_logs where status = 'error'")).isEqualTo("25");
			assertThat(column(sql, "select indexname from pg_indexes where tablename = 'ai_logs' order by 1"))
				.containsExactly("ai_logs_errors", "ai_logs_function", "ai_logs_time", "ai_logs_user");
			// each index is on every partition, the ones made before the migration
			// included
			assertThat(single(sql,
					"select count(*) from pg_inherits i join pg_class c on c.oid = i.inhrelid"
							+ " where i.inhparent = 'ai_logs_errors'::regclass"))
				.isEqualTo(single(sql, "select count(*) from pg_inherits where inhparent = 'ai_logs'::regclass"));
			sql.execute("set enable_seqscan = off");
			String byId = String.join("\n", column(sql, "explain select * from ai_logs where id = '" + ID
					+ "' and occurred_at =" + " (select occurred_at from ai_log_ids where id = '" + ID + "')"));
			assertThat(byId).contains("ai_logs_p").contains("occurred_at_id_idx");
			assertThat(single(sql,
					"select function_name from ai_logs where id = '" + ID + "' and occurred_at ="
							+ " (select occurred_at from ai_log_ids where id = '" + ID + "')"))
				.isEqualTo("triage-symptoms");
			assertThat(single(sql,
					"insert into ai_log_ids values ('" + ID + "', now()) on conflict do nothing" + " returning id"))
				.isNull();
		}
	}

	private static Flyway flyway(String url, String user, String password, String runtimeRole, String target) {
		var configuration = Flyway.configure()
			.dataSource(url, user, password)
			.placeholders(Map.of("runtime_role", runtimeRole));
		if (target != null) {
			configuration = configuration.target(target);
		}
		return configuration.load();
	}

	private static String single(Statement sql, String query) throws SQLException {
		List<String> values = column(sql, query);
		return values.isEmpty() ? null : values.get(0);
	}

	private static List<String> column(Statement sql, String query) throws SQLException {
		List<String> values = new ArrayList<>();
		try (ResultSet rows = sql.executeQuery(query)) {
			while (rows.next()) {
				values.add(rows.getString(1));
			}
		}
		return values;
	}

}
