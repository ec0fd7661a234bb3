package com.xorstack.devstack;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresTests {

	private static final List<String> DATABASES = List.of("feedback_devstack_it", "ailog_devstack_it",
			"metrics_devstack_it", "auth_devstack_it");

	@TempDir
	Path logs;

	private Postgres postgres;

	@BeforeEach
	void connect() {
		this.postgres = Postgres.connect("jdbc:postgresql://127.0.0.1:5432/", "postgres", "", this.logs);
	}

	@AfterEach
	void dropAndClose() throws SQLException {
		this.postgres.dropDatabases(DATABASES);
		assertThat(existing()).isEmpty();
		this.postgres.close();
	}

	@Test
	void usesThePostgresThatAnswersRatherThanAnEmbeddedOne() {
		assertThat(this.postgres.embedded()).isFalse();
		assertThat(this.postgres.jdbcUrl("feedback_devstack_it"))
			.isEqualTo("jdbc:postgresql://127.0.0.1:5432/feedback_devstack_it");
		assertThat(this.postgres.r2dbcUrl("feedback_devstack_it"))
			.isEqualTo("r2dbc:postgresql://127.0.0.1:5432/feedback_devstack_it");
	}

	@Test
	void createsMissingDatabasesKeepsThemAndRecreatesThemEmptyOnRequest() throws SQLException {
		this.postgres.ensureDatabases(DATABASES, true);
		assertThat(existing()).containsExactlyInAnyOrderElementsOf(DATABASES);
		execute("feedback_devstack_it", "CREATE TABLE marker (id int)");

		this.postgres.ensureDatabases(DATABASES, false);
		assertThat(tables("feedback_devstack_it")).containsExactly("marker");

		try (Connection open = this.postgres.connectTo("feedback_devstack_it")) {
			// a session left open, say by a service a test did not stop, is no obstacle
			this.postgres.ensureDatabases(DATABASES, true);
			assertThat(open.isValid(1)).isFalse();
		}
		assertThat(tables("feedback_devstack_it")).isEmpty();
		assertThat(existing()).containsExactlyInAnyOrderElementsOf(DATABASES);
	}

	@Test
	void startsAnEmbeddedPostgresWhenNoneAnswers() throws SQLException {
		int nothingThere = Ports.free();
		try (Postgres embedded = Postgres.connect("jdbc:postgresql://127.0.0.1:" + nothingThere + "/", "postgres", "",
				this.logs)) {
			assertThat(embedded.embedded()).isTrue();
			embedded.ensureDatabases(List.of("feedback_devstack_it"), false);
			assertThat(embedded.jdbcUrl("feedback_devstack_it")).doesNotContain(":" + nothingThere + "/");
			try (Connection connection = embedded.connectTo("feedback_devstack_it");
					Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("SELECT current_database()")) {
				rows.next();
				assertThat(rows.getString(1)).isEqualTo("feedback_devstack_it");
			}
		}
		assertThat(this.logs.resolve("postgres.log")).content().contains("database system is ready");
	}

	private List<String> existing() throws SQLException {
		return query("postgres", "SELECT datname FROM pg_database WHERE datname LIKE '%\\_devstack\\_it'");
	}

	private List<String> tables(String database) throws SQLException {
		return query(database, "SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
	}

	private List<String> query(String database, String sql) throws SQLException {
		try (Connection connection = this.postgres.connectTo(database);
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(sql)) {
			List<String> values = new java.util.ArrayList<>();
			while (rows.next()) {
				values.add(rows.getString(1));
			}
			return values;
		}
	}

	private void execute(String database, String sql) throws SQLException {
		try (Connection connection = this.postgres.connectTo(database);
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

}
