package com.xorstack.devstack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.jspecify.annotations.Nullable;

/**
 * The PostgreSQL server that holds one database per service. It is the one the machine
 * runs when one answers at the configured address; otherwise an embedded one on a free
 * port, so that a machine without PostgreSQL still runs everything.
 */
final class Postgres implements AutoCloseable {

	private static final String DUPLICATE_DATABASE = "42P04";

	private final String host;

	private final int port;

	private final String user;

	private final String password;

	private final @Nullable EmbeddedPostgres embedded;

	/** The roles of each database this run prepared, by database name. */
	private final Map<String, DatabaseRoles.Logins> logins = new ConcurrentHashMap<>();

	private Postgres(String host, int port, String user, String password, @Nullable EmbeddedPostgres embedded) {
		this.host = host;
		this.port = port;
		this.user = user;
		this.password = password;
		this.embedded = embedded;
	}

	/**
	 * @param baseUrl such as {@code jdbc:postgresql://127.0.0.1:5432/}; a database name
	 * in it is ignored
	 */
	static Postgres connect(String baseUrl, String user, String password, Path logs) {
		URI uri = URI.create(baseUrl.replaceFirst("^jdbc:", ""));
		if (!"postgresql".equals(uri.getScheme()) || uri.getHost() == null) {
			throw new DevStackException("XORSTACK_PG_URL must look like jdbc:postgresql://host:port/, not " + baseUrl);
		}
		int port = (uri.getPort() != -1) ? uri.getPort() : 5432;
		if (Ports.isOpen(uri.getHost(), port)) {
			return new Postgres(uri.getHost(), port, user, password, null);
		}
		EmbeddedPostgres embedded = startEmbedded(logs);
		System.getLogger(Postgres.class.getName())
			.log(System.Logger.Level.INFO, "No PostgreSQL answers at " + uri.getHost() + ":" + port
					+ ", so an embedded one runs on port " + embedded.getPort());
		return new Postgres("127.0.0.1", embedded.getPort(), "postgres", "", embedded);
	}

	private static EmbeddedPostgres startEmbedded(Path logs) {
		try {
			Files.createDirectories(logs);
			java.io.File log = logs.resolve("postgres.log").toFile();
			return EmbeddedPostgres.builder()
				.setPort(Ports.free())
				.setOutputRedirector(ProcessBuilder.Redirect.appendTo(log))
				.setErrorRedirector(ProcessBuilder.Redirect.appendTo(log))
				.start();
		}
		catch (IOException ex) {
			throw new DevStackException("No PostgreSQL answers and the embedded one did not start: " + ex.getMessage(),
					ex);
		}
	}

	/**
	 * Creates the missing databases, each with its owner and runtime role (see
	 * {@link DatabaseRoles}); with {@code recreate}, drops and creates them all.
	 */
	void ensureDatabases(List<String> names, boolean recreate) {
		try (Connection connection = connectTo("postgres"); Statement statement = connection.createStatement()) {
			for (String name : names) {
				if (recreate) {
					// FORCE ends the other sessions on it first, such as a service a
					// killed test left behind
					statement.execute("DROP DATABASE IF EXISTS " + quote(name) + " WITH (FORCE)");
				}
				this.logins.put(name, DatabaseRoles.ensureRoles(statement, name));
				createIfMissing(statement, name);
				DatabaseRoles.restrict(statement, name);
				try (Connection database = connectTo(name)) {
					DatabaseRoles.adoptObjects(database, name);
				}
			}
		}
		catch (SQLException ex) {
			throw new DevStackException("Cannot prepare the databases on " + this.host + ":" + this.port + " as "
					+ this.user + ": " + ex.getMessage(), ex);
		}
	}

	/** Drops the databases and their roles. */
	void dropDatabases(List<String> names) {
		try (Connection connection = connectTo("postgres"); Statement statement = connection.createStatement()) {
			for (String name : names) {
				statement.execute("DROP DATABASE IF EXISTS " + quote(name) + " WITH (FORCE)");
				DatabaseRoles.dropRoles(statement, name);
				this.logins.remove(name);
			}
		}
		catch (SQLException ex) {
			throw new DevStackException("Cannot drop the databases " + names + ": " + ex.getMessage(), ex);
		}
	}

	private static void createIfMissing(Statement statement, String name) throws SQLException {
		try {
			statement.execute("CREATE DATABASE " + quote(name));
		}
		catch (SQLException ex) {
			// already there, or created by a run that started at the same time
			if (!DUPLICATE_DATABASE.equals(ex.getSQLState())) {
				throw ex;
			}
		}
	}

	Connection connectTo(String database) throws SQLException {
		return DriverManager.getConnection(jdbcUrl(database), this.user, this.password);
	}

	static String quote(String name) {
		if (!name.matches("[a-z_][a-z0-9_]*")) {
			throw new DevStackException(
					"Not a database or role name: " + name + " (lower case letters, digits and _ only)");
		}
		return "\"" + name + "\"";
	}

	String jdbcUrl(String database) {
		return "jdbc:postgresql://" + this.host + ":" + this.port + "/" + database;
	}

	String r2dbcUrl(String database) {
		return "r2dbc:postgresql://" + this.host + ":" + this.port + "/" + database;
	}

	DatabaseLogin owner(String database) {
		return prepared(database).owner();
	}

	DatabaseLogin runtime(String database) {
		return prepared(database).runtime();
	}

	private DatabaseRoles.Logins prepared(String database) {
		DatabaseRoles.Logins prepared = this.logins.get(database);
		if (prepared == null) {
			throw new IllegalStateException("Database " + database + " was not prepared by ensureDatabases");
		}
		return prepared;
	}

	String user() {
		return this.user;
	}

	String password() {
		return this.password;
	}

	boolean embedded() {
		return this.embedded != null;
	}

	@Override
	public void close() {
		if (this.embedded != null) {
			try {
				this.embedded.close();
			}
			catch (IOException ex) {
				System.err.println("Could not stop the embedded PostgreSQL: " + ex.getMessage());
			}
		}
	}

}
