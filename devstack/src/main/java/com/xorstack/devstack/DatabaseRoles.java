package com.xorstack.devstack;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;

/**
 * The two roles of one service database, named after it: {@code <database>_owner} owns
 * the database and everything in it and runs Flyway; {@code <database>_app} is what the
 * service connects as at run time, with the grants its migrations' afterMigrate callback
 * gives. Neither is a superuser, and only they (and superusers) may connect to the
 * database. Roles are cluster-wide, so the database's suffix keeps two stacks apart;
 * their passwords are new on every start.
 */
final class DatabaseRoles {

	private static final SecureRandom RANDOM = new SecureRandom();

	/**
	 * Makes everything in schema public of a database that an earlier run made as the
	 * superuser belong to the owner role, so that its Flyway may go on migrating it.
	 * Tables first: a sequence owned by a column follows its table.
	 */
	private static final String ADOPT = """
			do $$
			declare
			    object record;
			begin
			    for object in select c.oid::regclass as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
			        where n.nspname = 'public' and c.relkind in ('r', 'p', 'v', 'm', 'f') and c.relowner <> '%1$s'::regrole loop
			        execute format('alter table %%s owner to %%I', object.name, '%1$s');
			    end loop;
			    for object in select c.oid::regclass as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
			        where n.nspname = 'public' and c.relkind = 'S' and c.relowner <> '%1$s'::regrole loop
			        execute format('alter sequence %%s owner to %%I', object.name, '%1$s');
			    end loop;
			    for object in select p.oid::regprocedure as name from pg_proc p join pg_namespace n on n.oid = p.pronamespace
			        where n.nspname = 'public' and p.proowner <> '%1$s'::regrole loop
			        execute format('alter routine %%s owner to %%I', object.name, '%1$s');
			    end loop;
			end
			$$""";

	private DatabaseRoles() {
	}

	static String owner(String database) {
		return database + "_owner";
	}

	static String runtime(String database) {
		return database + "_app";
	}

	/**
	 * Creates the two roles, or gives them new passwords when a previous run left them.
	 */
	static Logins ensureRoles(Statement statement, String database) throws SQLException {
		return new Logins(ensureRole(statement, owner(database)), ensureRole(statement, runtime(database)));
	}

	private static DatabaseLogin ensureRole(Statement statement, String role) throws SQLException {
		String password = password();
		String options = " login nosuperuser nocreatedb nocreaterole noreplication nobypassrls password '" + password
				+ "'";
		statement.execute("do $$ begin if not exists (select from pg_roles where rolname = '" + role
				+ "') then create role " + Postgres.quote(role) + options + "; else alter role " + Postgres.quote(role)
				+ options + "; end if; end $$");
		return new DatabaseLogin(role, password);
	}

	/** Hands the database to its owner role and lets only its own roles connect. */
	static void restrict(Statement statement, String database) throws SQLException {
		String name = Postgres.quote(database);
		statement.execute("alter database " + name + " owner to " + Postgres.quote(owner(database)));
		statement.execute("revoke all on database " + name + " from public");
		statement.execute("grant connect on database " + name + " to " + Postgres.quote(runtime(database)));
	}

	/** Run connected to the database itself, as a superuser. */
	static void adoptObjects(Connection connection, String database) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(ADOPT.formatted(owner(database)));
		}
	}

	static void dropRoles(Statement statement, String database) throws SQLException {
		statement.execute(
				"drop role if exists " + Postgres.quote(runtime(database)) + ", " + Postgres.quote(owner(database)));
	}

	private static String password() {
		byte[] bytes = new byte[24];
		RANDOM.nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	record Logins(DatabaseLogin owner, DatabaseLogin runtime) {
	}

}
