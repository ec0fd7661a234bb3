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

	// Per JVM, so that two builds testing at once never drop each other's databases.
	private static final String SUFFIX = "_pg_it_" + ProcessHandle.current().pid();

	private static final String FEEDBACK = "feedback" + SUFFIX;

	private static final List<String> DATABASES = List.of(FEEDBACK, "ailog" + SUFFIX, "metrics" + SUFFIX,
			"auth" + SUFFIX);

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
		assertThat(this.postgres.jdbcUrl(FEEDBACK)).isEqualTo("jdbc:postgresql://127.0.0.1:5432/" + FEEDBACK);
		assertThat(this.postgres.r2dbcUrl(FEEDBACK)).isEqualTo("r2dbc:postgresql://127.0.0.1:5432/" + FEEDBACK);
	}

	@Test
	void createsMissingDatabasesKeepsThemAndRecreatesThemEmptyOnRequest() throws SQLException {
		this.postgres.ensureDatabases(DATABASES, true);
		assertThat(existing()).containsExactlyInAnyOrderElementsOf(DATABASES);
		execute(FEEDBACK, "CREATE TABLE marker (id int)");

		this.postgres.ensureDatabases(DATABASES, false);
		assertThat(tables(FEEDBACK)).containsExactly("marker");

		try (Connection open = this.postgres.connectTo(FEEDBACK)) {
			// a session left open, say by a service a test did not stop, is no obstacle
			this.postgres.ensureDatabases(DATABASES, true);
			assertThat(open.isValid(1)).isFalse();
		}
		assertThat(tables(FEEDBACK)).isEmpty();
		assertThat(existing()).containsExactlyInAnyOrderElementsOf(DATABASES);
	}

	@Test
	void startsAnEmbeddedPostgresWhenNoneAnswers() throws SQLException {
		int nothingThere = Ports.free();
		try (Postgres embedded = Postgres.connect("jdbc:postgresql://127.0.0.1:" + nothingThere + "/", "postgres", "",
				this.logs)) {
			assertThat(embedded.embedded()).isTrue();
			embedded.ensureDatabases(List.of(FEEDBACK), false);
			assertThat(embedded.jdbcUrl(FEEDBACK)).doesNotContain(":" + nothingThere + "/");
			try (Connection connection = embedded.connectTo(FEEDBACK);
					Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("SELECT current_database()")) {
				rows.next();
				assertThat(rows.getString(1)).isEqualTo(FEEDBACK);
			}
		}
		assertThat(this.logs.resolve("postgres.log")).content().contains("database system is ready");
	}

	private List<String> existing() throws SQLException {
		return query("postgres",
				"SELECT datname FROM pg_database WHERE datname LIKE '%" + SUFFIX.replace("_", "\\_") + "'");
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
