package com.xorstack.devstack;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import com.xorstack.platform.events.KafkaPrincipals;
import org.jspecify.annotations.Nullable;

/**
 * The one fixture for a service's integration tests: a real Kafka and Keycloak on free
 * ports and empty PostgreSQL databases of its own (suffixed {@code _it_<pid>}), made on
 * first use and dropped when the JVM exits. Under Maven, Kafka, Keycloak and Redis are
 * the build's, started once for every module ({@link SharedTestStack}), with an empty
 * broker for each test JVM; elsewhere they are this JVM's own. Spring tests register
 * {@link #springProperties} through {@code @DynamicPropertySource}.
 */
public final class TestStack {

	private static final Duration TOKEN_REUSE = Duration.ofSeconds(60);

	private static volatile @Nullable TestStack instance;

	private final DevStack stack;

	private final TokenClient tokens;

	private final Map<String, Token> cachedTokens = new ConcurrentHashMap<>();

	private volatile @Nullable S3Server s3;

	private TestStack(DevStack stack) {
		this.stack = stack;
		this.tokens = new TokenClient(stack.internalIssuerUri());
	}

	public static TestStack get() {
		TestStack current = instance;
		if (current == null) {
			synchronized (TestStack.class) {
				current = instance;
				if (current == null) {
					DevStackSettings settings = DevStackSettings.forTests(databaseSuffix());
					DevStack shared = SharedTestStack.attach(settings);
					DevStack stack = (shared != null) ? shared : DevStack.start(settings);
					Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(stack), "test-stack-stop"));
					current = new TestStack(stack);
					instance = current;
				}
			}
		}
		return current;
	}

	/**
	 * Databases of their own per test JVM ({@code feedback_it_<pid>}), so that modules
	 * tested at the same time never drop each other's.
	 */
	private static String databaseSuffix() {
		return "_it_" + ProcessHandle.current().pid();
	}

	private static void stop(DevStack stack) {
		try {
			stack.dropDatabases();
		}
		finally {
			stack.close();
		}
	}

	/**
	 * An S3-compatible store of this test JVM with the bucket {@link S3Server#BUCKET},
	 * started on first use (only the tests of archives need it) and stopped when the JVM
	 * exits.
	 */
	public S3Server s3() {
		S3Server current = this.s3;
		if (current == null) {
			synchronized (this) {
				current = this.s3;
				if (current == null) {
					current = S3Server.start(this.stack.workDir());
					this.s3 = current;
				}
			}
		}
		return current;
	}

	/**
	 * The settings of a service's archive store in {@link #s3()}, under {@code prefix}.
	 */
	public Map<String, String> s3Properties(String prefix) {
		S3Server server = s3();
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("xorstack.archive.s3.endpoint", server.endpoint());
		properties.put("xorstack.archive.s3.bucket", S3Server.BUCKET);
		properties.put("xorstack.archive.s3.region", S3Server.REGION);
		// S3Mock checks no signatures; the keys only have to be there
		properties.put("xorstack.archive.s3.access-key", "devstack");
		properties.put("xorstack.archive.s3.secret-key", "devstack");
		properties.put("xorstack.archive.s3.prefix", prefix);
		return properties;
	}

	public DevStack devStack() {
		return this.stack;
	}

	public String kafkaBootstrapServers() {
		return this.stack.kafkaBootstrapServers();
	}

	/**
	 * Settings of a Kafka client signed in as {@code principal}, see
	 * {@link DevStack#kafkaClientProperties}.
	 */
	public Map<String, Object> kafkaClientProperties(String principal) {
		return this.stack.kafkaClientProperties(principal);
	}

	/** Settings of a Kafka client signed in as the super user, to look at every topic. */
	public Map<String, Object> kafkaAdminProperties() {
		return this.stack.kafkaClientProperties("admin");
	}

	/**
	 * Kafka, Keycloak and Redis settings of the gateway, the one service without a
	 * database: Kafka as its principal, Redis as its ACL user with the key its console
	 * sessions are encrypted with (other services ignore these).
	 */
	public Map<String, String> springProperties() {
		return springPropertiesAs(KafkaPrincipals.GATEWAY);
	}

	private Map<String, String> springPropertiesAs(String kafkaPrincipal) {
		Map<String, String> properties = new LinkedHashMap<>();
		properties.put("spring.kafka.bootstrap-servers", this.stack.kafkaBootstrapServers());
		properties.put("xorstack.kafka.username", kafkaPrincipal);
		properties.put("xorstack.kafka.password", this.stack.kafkaPassword(kafkaPrincipal));
		properties.put("spring.security.oauth2.resourceserver.jwt.issuer-uri", this.stack.issuerUri());
		properties.put("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", this.stack.jwkSetUri());
		properties.put("OIDC_INTERNAL_URI", this.stack.internalIssuerUri());
		properties.put("spring.data.redis.host", this.stack.redisHost());
		properties.put("spring.data.redis.port", String.valueOf(this.stack.redisPort()));
		if (this.stack.redisUsername() != null) {
			properties.put("spring.data.redis.username", this.stack.redisUsername());
		}
		if (this.stack.redisPassword() != null) {
			properties.put("spring.data.redis.password", this.stack.redisPassword());
		}
		properties.put("xorstack.gateway.console.session-key", this.stack.consoleSessionKey());
		return properties;
	}

	/**
	 * The settings of a service with the R2DBC and Flyway settings of its database
	 * ({@code feedback}, {@code ailog}, {@code metrics} or {@code auth}): Flyway as the
	 * owner role, R2DBC as the runtime role, as in production; Kafka as its principal.
	 */
	public Map<String, String> springProperties(String database) {
		return springProperties(database, database);
	}

	/**
	 * @param database a service database or a scratch database
	 * @param service whose Kafka principal to sign in as: {@code feedback},
	 * {@code ailog}, {@code metrics} or {@code auth}
	 */
	private Map<String, String> springProperties(String database, String service) {
		Map<String, String> properties = springPropertiesAs(service + "-service");
		DatabaseLogin runtime = this.stack.runtimeLogin(database);
		DatabaseLogin owner = this.stack.ownerLogin(database);
		properties.put("spring.r2dbc.url", this.stack.r2dbcUrl(database));
		properties.put("spring.r2dbc.username", runtime.user());
		properties.put("spring.r2dbc.password", runtime.password());
		// a test JVM keeps a dozen contexts, each with a pool: open connections on demand
		// and let idle ones go, or together they exhaust PostgreSQL's non-superuser slots
		properties.put("spring.r2dbc.pool.initial-size", "1");
		properties.put("spring.r2dbc.pool.max-idle-time", "10s");
		properties.put("spring.flyway.url", this.stack.jdbcUrl(database));
		properties.put("spring.flyway.user", owner.user());
		properties.put("spring.flyway.password", owner.password());
		return properties;
	}

	/**
	 * {@link #springProperties(String)} of {@code service} with a fresh database of the
	 * test's own, named {@code name} plus this JVM's suffix and dropped when the JVM
	 * exits.
	 */
	public Map<String, String> springPropertiesOfScratchDatabase(String name, String service) {
		this.stack.createScratchDatabase(name);
		return springProperties(name, service);
	}

	/**
	 * Runs statements in one transaction as the owner role of a service database, for a
	 * test that changes the schema the service itself may not change.
	 */
	public void executeAsOwner(String database, String... statements) {
		execute(database, this.stack.ownerLogin(database), statements);
	}

	/**
	 * Runs statements in one transaction as the superuser, for a test that attacks as one
	 * on purpose.
	 */
	public void executeAsSuperuser(String database, String... statements) {
		execute(database, this.stack.superuserLogin(), statements);
	}

	private void execute(String database, DatabaseLogin login, String... statements) {
		try (Connection connection = this.stack.connect(database, login)) {
			connection.setAutoCommit(false);
			try (Statement statement = connection.createStatement()) {
				for (String sql : statements) {
					statement.execute(sql);
				}
			}
			connection.commit();
		}
		catch (SQLException ex) {
			throw new IllegalStateException("As " + login.user() + " on " + database + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * An access token of a demo user of the realm (their password is their user name).
	 */
	public String passwordToken(String username) {
		return cached("user:" + username, () -> this.tokens.passwordToken(username, username));
	}

	public String clientCredentialsToken(String clientId, String secret) {
		return cached("client:" + clientId, () -> this.tokens.clientCredentialsToken(clientId, secret));
	}

	private String cached(String key, Supplier<String> fetch) {
		Token token = this.cachedTokens.get(key);
		if (token == null || token.fetchedAt().plus(TOKEN_REUSE).isBefore(Instant.now())) {
			token = new Token(fetch.get(), Instant.now());
			this.cachedTokens.put(key, token);
		}
		return token.value();
	}

	private record Token(String value, Instant fetchedAt) {
	}

}
