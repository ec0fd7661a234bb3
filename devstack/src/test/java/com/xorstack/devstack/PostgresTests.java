package com.xorstack.devstack;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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
		assertThat(roles()).as("the roles go with their databases").isEmpty();
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
	void eachDatabaseGetsAnOwnerAndARuntimeRoleThatOnlyItsDatabaseLetsIn() throws SQLException {
		this.postgres.ensureDatabases(DATABASES, true);

		DatabaseLogin owner = this.postgres.owner(FEEDBACK);
		DatabaseLogin runtime = this.postgres.runtime(FEEDBACK);
		assertThat(owner.user()).isEqualTo(FEEDBACK + "_owner");
		assertThat(runtime.user()).isEqualTo(FEEDBACK + "_app");
		assertThat(owner.password()).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(runtime.password());
		assertThat(roles()).hasSize(8);
		assertThat(query("postgres", "SELECT rolname FROM pg_roles WHERE rolname LIKE '%" + escapedSuffix() + "%'"
				+ " AND (rolsuper OR rolcreaterole OR rolcreatedb OR rolbypassrls)"))
			.isEmpty();
		assertThat(
				query("postgres", "SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = '" + FEEDBACK + "'"))
			.containsExactly(owner.user());
		try (Connection connection = DriverManager.getConnection(this.postgres.jdbcUrl(FEEDBACK), runtime.user(),
				runtime.password())) {
			assertThat(connection.isValid(1)).isTrue();
		}
		assertThatExceptionOfType(SQLException.class)
			.isThrownBy(() -> DriverManager
				.getConnection(this.postgres.jdbcUrl("ailog" + SUFFIX), runtime.user(), runtime.password())
				.close())
			.satisfies((ex) -> assertThat(ex.getSQLState()).isEqualTo("42501"));

		// a second start gives the roles new passwords and keeps the database
		this.postgres.ensureDatabases(DATABASES, false);
		assertThat(this.postgres.runtime(FEEDBACK).password()).isNotEqualTo(runtime.password());
		assertThat(roles()).hasSize(8);
	}

	@Test
	void tablesAnEarlierRunMadeAsTheSuperuserPassToTheOwnerRole() throws SQLException {
		this.postgres.ensureDatabases(DATABASES, true);
		execute(FEEDBACK, "CREATE TABLE marker (id serial)");
		execute(FEEDBACK,
				"CREATE FUNCTION marker_count() RETURNS bigint LANGUAGE sql AS 'SELECT count(*) FROM marker'");

		this.postgres.ensureDatabases(DATABASES, false);

		String owner = this.postgres.owner(FEEDBACK).user();
		assertThat(query(FEEDBACK, "SELECT tableowner FROM pg_tables WHERE tablename = 'marker'"))
			.containsExactly(owner);
		assertThat(query(FEEDBACK, "SELECT sequenceowner FROM pg_sequences WHERE sequencename = 'marker_id_seq'"))
			.containsExactly(owner);
		assertThat(query(FEEDBACK, "SELECT pg_get_userbyid(proowner) FROM pg_proc WHERE proname = 'marker_count'"))
			.containsExactly(owner);
	}

	@Test
	void startsAnEmbeddedPostgresWhenNoneAnswers() throws SQLException {
		int nothingThere = Ports.free();
		try (Postgres embedded = Postgres.connect("jdbc:postgresql://127.0.0.1:" + nothingThere + "/", "postgres", "",
				this.logs)) {
			assertThat(embedded.embedded()).isTrue();
			embedded.ensureDatabases(List.of(FEEDBACK), false);
			assertThat(embedded.jdbcUrl(FEEDBACK)).doesNotContain(":" + nothingThere + "/");
			DatabaseLogin runtime = embedded.runtime(FEEDBACK);
			try (Connection connection = DriverManager.getConnection(embedded.jdbcUrl(FEEDBACK), runtime.user(),
					runtime.password());
					Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("SELECT current_database(), current_user")) {
				rows.next();
				assertThat(rows.getString(1)).isEqualTo(FEEDBACK);
				assertThat(rows.getString(2)).isEqualTo(runtime.user());
			}
		}
		assertThat(this.logs.resolve("postgres.log")).content().contains("database system is ready");
	}

	private List<String> existing() throws SQLException {
		return query("postgres",
				"SELECT datname FROM pg_database WHERE datname LIKE '%" + SUFFIX.replace("_", "\\_") + "'");
	}

	private List<String> roles() throws SQLException {
		return query("postgres", "SELECT rolname FROM pg_roles WHERE rolname LIKE '%" + escapedSuffix() + "\\_%'");
	}

	private static String escapedSuffix() {
		return SUFFIX.replace("_", "\\_");
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
