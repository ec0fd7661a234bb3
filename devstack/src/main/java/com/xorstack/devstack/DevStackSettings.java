package com.xorstack.devstack;

import java.nio.file.Path;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What {@link DevStack} starts and where. A port of {@code 0} means a free one. The
 * defaults come from the environment variables named by the constants here, else the
 * usual ports.
 *
 * @param realmFile the Keycloak realm to import; {@code null} for the repository's
 * {@code deploy/keycloak/xorstack-realm.json}
 * @param workDir where the run keeps logs and data, never deleted; {@code null} for a new
 * directory under {@code java.io.tmpdir}, deleted on close unless {@code keepWorkDir} (or
 * the start failed: the error names a log in it)
 * @param keycloakPublicHost another loopback address (such as {@code 127.0.0.2}) where
 * people reach Keycloak, apart from the services' internal one, as in a deployment;
 * {@code null} for one address
 */
public record DevStackSettings(int kafkaPort, int kafkaControllerPort, int keycloakPort, String postgresUrl,
		String postgresUser, String postgresPassword, String databaseSuffix, boolean recreateDatabases,
		String redisHost, int redisPort, boolean kafka, boolean keycloak, @Nullable Path realmFile,
		@Nullable Path workDir, boolean keepWorkDir, @Nullable String keycloakPublicHost) {

	public static final String KAFKA_PORT = "XORSTACK_KAFKA_PORT";

	public static final String KAFKA_CONTROLLER_PORT = "XORSTACK_KAFKA_CONTROLLER_PORT";

	public static final String KEYCLOAK_PORT = "XORSTACK_KEYCLOAK_PORT";

	public static final String PG_URL = "XORSTACK_PG_URL";

	public static final String PG_USER = "XORSTACK_PG_USER";

	public static final String PG_PASSWORD = "XORSTACK_PG_PASSWORD";

	/** An external Redis to use instead of starting the machine's redis-server. */
	public static final String REDIS_HOST = "XORSTACK_REDIS_HOST";

	/**
	 * The port of the external Redis (default 6379), or of the stack's own (default a
	 * free one).
	 */
	public static final String REDIS_PORT = "XORSTACK_REDIS_PORT";

	/** The user the gateway signs in to an external Redis as; read when it starts. */
	public static final String REDIS_USERNAME = "XORSTACK_REDIS_USERNAME";

	/** That user's password; read when the stack starts, never kept in the settings. */
	public static final String REDIS_PASSWORD = "XORSTACK_REDIS_PASSWORD";

	/** Everything on its usual port, databases without suffix kept as they are. */
	public static DevStackSettings defaults() {
		return fromEnvironment(System.getenv());
	}

	/**
	 * For integration tests: free ports, so that a running {@code ./xorstack up} is no
	 * obstacle, and empty databases named with {@code databaseSuffix} (such as
	 * {@code _it}).
	 */
	public static DevStackSettings forTests(String databaseSuffix) {
		return defaults().withFreePorts().withDatabaseSuffix(databaseSuffix).withRecreateDatabases(true);
	}

	static DevStackSettings fromEnvironment(Map<String, String> env) {
		String redisHost = env.getOrDefault(REDIS_HOST, "").strip();
		return new DevStackSettings(port(env, KAFKA_PORT, 9092), port(env, KAFKA_CONTROLLER_PORT, 9093),
				port(env, KEYCLOAK_PORT, 8180), env.getOrDefault(PG_URL, "jdbc:postgresql://127.0.0.1:5432/"),
				env.getOrDefault(PG_USER, "postgres"), env.getOrDefault(PG_PASSWORD, ""), "", false, redisHost,
				port(env, REDIS_PORT, redisHost.isEmpty() ? 0 : 6379), true, true, null, null, false, null);
	}

	static int port(Map<String, String> env, String variable, int fallback) {
		String value = env.get(variable);
		if (value == null || value.isBlank()) {
			return fallback;
		}
		try {
			int port = Integer.parseInt(value.strip());
			if (port >= 0 && port <= 65535) {
				return port;
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new DevStackException(variable + " must be a port number (0 for a free one), not '" + value + "'");
	}

	public DevStackSettings withFreePorts() {
		DevStackSettings free = withKafkaPorts(0, 0).withKeycloakPort(0);
		return ownRedis() ? free.withRedis("", 0) : free;
	}

	public DevStackSettings withKafkaPorts(int port, int controllerPort) {
		return new DevStackSettings(port, controllerPort, this.keycloakPort, this.postgresUrl, this.postgresUser,
				this.postgresPassword, this.databaseSuffix, this.recreateDatabases, this.redisHost, this.redisPort,
				this.kafka, this.keycloak, this.realmFile, this.workDir, this.keepWorkDir, this.keycloakPublicHost);
	}

	public DevStackSettings withKeycloakPort(int port) {
		return new DevStackSettings(this.kafkaPort, this.kafkaControllerPort, port, this.postgresUrl, this.postgresUser,
				this.postgresPassword, this.databaseSuffix, this.recreateDatabases, this.redisHost, this.redisPort,
				this.kafka, this.keycloak, this.realmFile, this.workDir, this.keepWorkDir, this.keycloakPublicHost);
	}

	public DevStackSettings withPostgres(String url, String user, String password) {
		return new DevStackSettings(this.kafkaPort, this.kafkaControllerPort, this.keycloakPort, url, user, password,
				this.databaseSuffix, this.recreateDatabases, this.redisHost, this.redisPort, this.kafka, this.keycloak,
				this.realmFile, this.workDir, this.keepWorkDir, this.keycloakPublicHost);
	}

	public DevStackSettings withDatabaseSuffix(String suffix) {
		return new DevStackSettings(this.kafkaPort, this.kafkaControllerPort, this.keycloakPort, this.postgresUrl,
				this.postgresUser, this.postgresPassword, suffix, this.recreateDatabases, this.redisHost,
				this.redisPort, this.kafka, this.keycloak, this.realmFile, this.workDir, this.keepWorkDir,
				this.keycloakPublicHost);
	}

	public DevStackSettings withRecreateDatabases(boolean recreate) {
		return new DevStackSettings(this.kafkaPort, this.kafkaControllerPort, this.keycloakPort, this.postgresUrl,
				this.postgresUser, this.postgresPassword, this.databaseSuffix, recreate, this.redisHost, this.redisPort,
				this.kafka, this.keycloak, this.realmFile, this.workDir, this.keepWorkDir, this.keycloakPublicHost);
	}

	/** Whether the stack starts its own Redis rather than use an external one. */
	public boolean ownRedis() {
		return this.redisHost.isEmpty();
	}

	/**
	 * @param host an external Redis, or {@code ""} for one the stack starts on
	 * {@code port} ({@code 0} for a free one)
	 */
	public DevStackSettings withRedis(String host, int port) {
		return new DevStackSettings(this.kafkaPort, this.kafkaControllerPort, this.keycloakPort, this.postgresUrl,
				this.postgresUser, this.postgresPassword, this.databaseSuffix, this.recreateDatabases, host, port,
				this.kafka, this.keycloak, this.realmFile, this.workDir, this.keepWorkDir, this.keycloakPublicHost);
	}

	/**
	 * Which of the two slow parts to start; PostgreSQL and Redis are always there.
	 */
	public DevStackSettings withParts(boolean kafka, boolean keycloak) {
		return new DevStackSettings(this.kafkaPort, this.kafkaControllerPort, this.keycloakPort, this.postgresUrl,
				this.postgresUser, this.postgresPassword, this.databaseSuffix, this.recreateDatabases, this.redisHost,
				this.redisPort, kafka, keycloak, this.realmFile, this.workDir, this.keepWorkDir,
				this.keycloakPublicHost);
	}

	public DevStackSettings withRealmFile(Path realmFile) {
		return new DevStackSettings(this.kafkaPort, this.kafkaControllerPort, this.keycloakPort, this.postgresUrl,
				this.postgresUser, this.postgresPassword, this.databaseSuffix, this.recreateDatabases, this.redisHost,
				this.redisPort, this.kafka, this.keycloak, realmFile, this.workDir, this.keepWorkDir,
				this.keycloakPublicHost);
	}

	public DevStackSettings withWorkDir(Path workDir) {
		return new DevStackSettings(this.kafkaPort, this.kafkaControllerPort, this.keycloakPort, this.postgresUrl,
				this.postgresUser, this.postgresPassword, this.databaseSuffix, this.recreateDatabases, this.redisHost,
				this.redisPort, this.kafka, this.keycloak, this.realmFile, workDir, this.keepWorkDir,
				this.keycloakPublicHost);
	}

	/** See {@code keycloakPublicHost}: Linux routes all of 127.0.0.0/8 to loopback. */
	public DevStackSettings withKeycloakPublicHost(@Nullable String host) {
		return new DevStackSettings(this.kafkaPort, this.kafkaControllerPort, this.keycloakPort, this.postgresUrl,
				this.postgresUser, this.postgresPassword, this.databaseSuffix, this.recreateDatabases, this.redisHost,
				this.redisPort, this.kafka, this.keycloak, this.realmFile, this.workDir, this.keepWorkDir, host);
	}

	public DevStackSettings withKeepWorkDir(boolean keep) {
		return new DevStackSettings(this.kafkaPort, this.kafkaControllerPort, this.keycloakPort, this.postgresUrl,
				this.postgresUser, this.postgresPassword, this.databaseSuffix, this.recreateDatabases, this.redisHost,
				this.redisPort, this.kafka, this.keycloak, this.realmFile, this.workDir, keep, this.keycloakPublicHost);
	}

}
