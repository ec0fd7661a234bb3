package com.xorstack.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The infrastructure of the suite on loopback: PostgreSQL with one database per service,
 * Kafka, Keycloak with the {@code xorstack} realm, and Redis with an ACL user for the
 * gateway (or none, when the machine has no redis-server). Kafka and Keycloak start in
 * parallel; if anything fails to start, what did start is stopped again.
 *
 * <pre>{@code
 * try (DevStack stack = DevStack.start(DevStackSettings.forTests("_it"))) {
 *     String bootstrap = stack.kafkaBootstrapServers();
 * }
 * }</pre>
 */
public final class DevStack implements AutoCloseable {

	/** The services that own a database, which is named after them. */
	public static final List<String> DATABASES = List.of("feedback", "ailog", "metrics", "auth");

	private final DevStackSettings settings;

	private final Path workDir;

	private final Postgres postgres;

	private final Redis redis;

	private final @Nullable KafkaBroker kafka;

	private final @Nullable KeycloakServer keycloak;

	private final @Nullable TraceServer traceServer;

	private final String consoleSessionKey = randomKey();

	/** Extra databases a test asked for, dropped with the service databases. */
	private final Set<String> scratchDatabases = ConcurrentHashMap.newKeySet();

	private boolean closed;

	DevStack(DevStackSettings settings, Path workDir, Postgres postgres, Redis redis, @Nullable KafkaBroker kafka,
			@Nullable KeycloakServer keycloak, @Nullable TraceServer traceServer) {
		this.settings = settings;
		this.workDir = workDir;
		this.postgres = postgres;
		this.redis = redis;
		this.kafka = kafka;
		this.keycloak = keycloak;
		this.traceServer = traceServer;
	}

	public static DevStack start() {
		return start(DevStackSettings.defaults());
	}

	public static DevStack start(DevStackSettings settings) {
		return start(settings, null);
	}

	/**
	 * With a {@link TraceServer} on {@code traceServerPort} ({@code 0} for a free one),
	 * started beside Kafka and Keycloak; none when {@code null}.
	 */
	static DevStack start(DevStackSettings settings, @Nullable Integer traceServerPort) {
		return new DevStackStarter(settings, workDir(settings), traceServerPort).start();
	}

	/**
	 * Kafka, Keycloak and Redis without the service databases, for the
	 * {@link SharedStackServer} whose test JVMs each make their own.
	 */
	static DevStack startWithoutDatabases(DevStackSettings settings) {
		return new DevStackStarter(settings, workDir(settings), null, false).start();
	}

	static Path workDir(DevStackSettings settings) {
		try {
			if (settings.workDir() != null) {
				return Files.createDirectories(settings.workDir());
			}
			String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT));
			return Files.createTempDirectory("xorstack-" + time + "-");
		}
		catch (IOException ex) {
			throw new DevStackException("Cannot create the work directory: " + ex.getMessage(), ex);
		}
	}

	public String kafkaBootstrapServers() {
		return started(this.kafka, "Kafka").bootstrapServers();
	}

	/**
	 * Settings of a Kafka client signed in as {@code principal}: one of
	 * {@link com.xorstack.platform.events.KafkaPrincipals#ALL}, whose passwords are made
	 * for each run, or {@code admin}, the super user, for tests that look at everything.
	 */
	public Map<String, Object> kafkaClientProperties(String principal) {
		return started(this.kafka, "Kafka").users().clientProperties(principal);
	}

	/** The password of a Kafka user of this run, see {@link #kafkaClientProperties}. */
	public String kafkaPassword(String principal) {
		return started(this.kafka, "Kafka").users().password(principal);
	}

	/**
	 * Stops the Kafka broker, keeping its data, to test what clients do while it is away.
	 * {@link #startKafka()} brings it back on the same port.
	 */
	public void stopKafka() {
		started(this.kafka, "Kafka").stop();
	}

	/**
	 * Starts the broker again after {@link #stopKafka()}; returns when it accepts
	 * connections. Does nothing if it is running.
	 */
	public void startKafka() {
		started(this.kafka, "Kafka").restart();
	}

	/** Where the services reach Keycloak (its admin API, for one). */
	public String keycloakUrl() {
		return started(this.keycloak, "Keycloak").url();
	}

	/**
	 * Where people reach Keycloak: {@link #keycloakUrl()} unless a public host is set.
	 */
	public String keycloakPublicUrl() {
		return started(this.keycloak, "Keycloak").publicUrl();
	}

	/** The issuer of the realm's tokens, at the address people reach Keycloak at. */
	public String issuerUri() {
		return keycloakPublicUrl() + "/realms/" + KeycloakServer.REALM;
	}

	/** The realm where the services reach it: tokens, keys, user info. */
	public String internalIssuerUri() {
		return keycloakUrl() + "/realms/" + KeycloakServer.REALM;
	}

	/**
	 * Lets the console's Keycloak client send people back to a gateway at
	 * {@code publicUrl} (such as a test's on a free port): the realm itself names only
	 * port 8080.
	 */
	public synchronized void allowConsoleAt(String publicUrl) {
		new KeycloakConsoleClient(keycloakUrl(), KeycloakServer.REALM).allow(publicUrl);
	}

	public String jwkSetUri() {
		return internalIssuerUri() + "/protocol/openid-connect/certs";
	}

	/**
	 * @param service {@code feedback}, {@code ailog}, {@code metrics} or {@code auth}
	 */
	public String databaseName(String service) {
		if (!DATABASES.contains(service) && !this.scratchDatabases.contains(service)) {
			throw new IllegalArgumentException("No database for '" + service + "': one of " + DATABASES
					+ " or a scratch database made by createScratchDatabase");
		}
		return service + this.settings.databaseSuffix();
	}

	/**
	 * Drops this stack's databases and their roles, for a test JVM that made its own and
	 * leaves nothing behind.
	 */
	public void dropDatabases() {
		List<String> names = new ArrayList<>(DATABASES);
		names.addAll(this.scratchDatabases);
		this.postgres.dropDatabases(names.stream().map(this::databaseName).toList());
	}

	/**
	 * Creates an empty database of its own (suffixed like the service databases) for a
	 * test that must not share one, such as a test that moves the clock; from then on
	 * {@code name} works wherever a service name does.
	 */
	public void createScratchDatabase(String name) {
		if (this.scratchDatabases.add(name)) {
			this.postgres.ensureDatabases(List.of(name + this.settings.databaseSuffix()), true);
		}
	}

	public String jdbcUrl(String service) {
		return this.postgres.jdbcUrl(databaseName(service));
	}

	public String r2dbcUrl(String service) {
		return this.postgres.r2dbcUrl(databaseName(service));
	}

	/**
	 * The role a service's Flyway runs as: it owns the service's database and everything
	 * in it.
	 */
	public DatabaseLogin ownerLogin(String service) {
		return this.postgres.owner(databaseName(service));
	}

	/**
	 * The role a service connects as at run time, with only the grants its migrations
	 * give.
	 */
	public DatabaseLogin runtimeLogin(String service) {
		return this.postgres.runtime(databaseName(service));
	}

	/**
	 * The superuser the stack prepares databases with; no service uses it. For tests that
	 * attack as a superuser on purpose and for loaders that bypass a service.
	 */
	public DatabaseLogin superuserLogin() {
		return new DatabaseLogin(this.postgres.user(), this.postgres.password());
	}

	/** A JDBC connection to a service's database as the given role. */
	public Connection connect(String service, DatabaseLogin login) throws SQLException {
		return DriverManager.getConnection(jdbcUrl(service), login.user(), login.password());
	}

	/** The superuser's name: see {@link #superuserLogin()}. */
	public String postgresUser() {
		return this.postgres.user();
	}

	/** The superuser's password: see {@link #superuserLogin()}. */
	public String postgresPassword() {
		return this.postgres.password();
	}

	public boolean redisAvailable() {
		return this.redis.available();
	}

	/**
	 * The user the gateway signs in to Redis as; {@code null} for a Redis without users.
	 */
	public @Nullable String redisUsername() {
		return this.redis.username();
	}

	public @Nullable String redisPassword() {
		return this.redis.password();
	}

	/** Why there is no Redis, when {@link #redisAvailable()} is false. */
	public String redisAbsence() {
		return this.redis.why();
	}

	/**
	 * The key the gateway encrypts console sessions in Redis with, made for this run: the
	 * stack's Redis keeps nothing between runs, and sessions an external Redis kept from
	 * an earlier run are unreadable, so they count as signed out.
	 */
	public String consoleSessionKey() {
		return this.consoleSessionKey;
	}

	public String redisHost() {
		return this.redis.host();
	}

	public int redisPort() {
		return this.redis.port();
	}

	public Path workDir() {
		return this.workDir;
	}

	public DevStackSettings settings() {
		return this.settings;
	}

	Postgres postgres() {
		return this.postgres;
	}

	Redis redis() {
		return this.redis;
	}

	@Nullable KafkaBroker kafka() {
		return this.kafka;
	}

	@Nullable KeycloakServer keycloak() {
		return this.keycloak;
	}

	@Nullable TraceServer traceServer() {
		return this.traceServer;
	}

	private static String randomKey() {
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		return Base64.getEncoder().encodeToString(key);
	}

	private static <T> T started(@Nullable T part, String name) {
		if (part == null) {
			throw new IllegalStateException(name + " was not started: see DevStackSettings.withParts");
		}
		return part;
	}

	/**
	 * Stops Keycloak and Kafka (at once, they do not depend on each other), then Redis if
	 * the stack started it, then PostgreSQL if embedded.
	 */
	@Override
	public void close() {
		close(true);
	}

	synchronized void close(boolean deleteWorkDir) {
		if (this.closed) {
			return;
		}
		this.closed = true;
		List<AutoCloseable> slowParts = new ArrayList<>();
		if (this.keycloak != null) {
			slowParts.add(this.keycloak);
		}
		if (this.kafka != null) {
			slowParts.add(this.kafka);
		}
		if (this.traceServer != null) {
			slowParts.add(this.traceServer);
		}
		Parallel.forEach(slowParts, AutoCloseable::close);
		this.redis.close();
		this.postgres.close();
		if (deleteWorkDir && this.settings.workDir() == null && !this.settings.keepWorkDir()) {
			Cache.delete(this.workDir);
		}
		StopOnExit.unregister(this);
	}

	@Override
	public String toString() {
		return "DevStack in " + this.workDir;
	}

}
