package com.xorstack.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;

/**
 * One start of a {@link DevStack}. Ports, the JDK and the realm file are checked before
 * anything starts; every part that does start is remembered, so that a failure later
 * stops it again.
 */
final class DevStackStarter {

	private static final System.Logger logger = System.getLogger(DevStackStarter.class.getName());

	private final DevStackSettings settings;

	private final Path workDir;

	private final Deque<AutoCloseable> started = new ArrayDeque<>();

	private @Nullable KafkaBroker kafka;

	private @Nullable KeycloakServer keycloak;

	private final @Nullable Integer traceServerPort;

	private @Nullable TraceServer traceServer;

	/**
	 * Whether to make the service databases: a stack shared by test JVMs leaves that to
	 * each.
	 */
	private final boolean databases;

	DevStackStarter(DevStackSettings settings, Path workDir, @Nullable Integer traceServerPort) {
		this(settings, workDir, traceServerPort, true);
	}

	DevStackStarter(DevStackSettings settings, Path workDir, @Nullable Integer traceServerPort, boolean databases) {
		this.settings = settings;
		this.workDir = workDir;
		this.traceServerPort = traceServerPort;
		this.databases = databases;
	}

	DevStack start() {
		try {
			List<Callable<Object>> slowParts = slowParts();
			Postgres postgres = remember(Postgres.connect(this.settings.postgresUrl(), this.settings.postgresUser(),
					this.settings.postgresPassword(), this.workDir.resolve("logs")));
			if (this.databases) {
				postgres.ensureDatabases(databases(), this.settings.recreateDatabases());
			}
			Redis redis = remember(redis());
			if (!redis.available()) {
				logger.log(System.Logger.Level.WARNING,
						"No Redis, " + redis.why() + ": the gateway keeps rate limits and console sessions in process");
			}
			Parallel.all(slowParts);
			DevStack stack = new DevStack(this.settings, this.workDir, postgres, redis, this.kafka, this.keycloak,
					this.traceServer);
			StopOnExit.register(stack);
			return stack;
		}
		catch (RuntimeException ex) {
			stopStarted();
			deleteWorkDirWithoutLogs();
			throw ex;
		}
	}

	/**
	 * Kafka, Keycloak and the trace server, to start at once, after everything they need
	 * has been checked.
	 */
	private List<Callable<Object>> slowParts() {
		List<Callable<Object>> parts = new ArrayList<>();
		if (!this.settings.kafka() && !this.settings.keycloak() && this.traceServerPort == null) {
			return parts;
		}
		JavaRuntime java = JavaRuntime.find();
		Artifacts artifacts = Artifacts.load();
		if (this.settings.kafka()) {
			int port = Ports.claim(this.settings.kafkaPort(), "Kafka", DevStackSettings.KAFKA_PORT);
			int controllerPort = Ports.claim(this.settings.kafkaControllerPort(), "Kafka controller",
					DevStackSettings.KAFKA_CONTROLLER_PORT);
			while (controllerPort == port && this.settings.kafkaControllerPort() == 0) {
				// two free ports asked for in a row can, rarely, be the same
				controllerPort = Ports.free();
			}
			int controller = controllerPort;
			parts.add(() -> this.kafka = remember(KafkaBroker.start(java, artifacts, this.workDir, port, controller)));
		}
		if (this.settings.keycloak()) {
			int port = Ports.claim(this.settings.keycloakPort(), "Keycloak", DevStackSettings.KEYCLOAK_PORT);
			Path realm = KeycloakServer.requireRealm((this.settings.realmFile() != null) ? this.settings.realmFile()
					: RepoRoot.find().resolve("deploy/keycloak/xorstack-realm.json"));
			parts.add(() -> this.keycloak = remember(KeycloakServer.start(java, artifacts, this.workDir, port, realm,
					this.settings.keycloakPublicHost())));
		}
		if (this.traceServerPort != null) {
			int port = Ports.claim(this.traceServerPort, "Zipkin", SuiteSettings.TRACE_SERVER_PORT);
			parts.add(() -> this.traceServer = remember(
					TraceServer.start(java, artifacts.zipkinServer(), this.workDir, port)));
		}
		return parts;
	}

	/**
	 * The machine's redis-server started for this run, or the external Redis of
	 * XORSTACK_REDIS_HOST, whose credentials are read here so that the settings never
	 * hold a password. Without either the gateway keeps its state in process.
	 */
	private Redis redis() {
		if (!this.settings.ownRedis()) {
			return Redis.probe(this.settings.redisHost(), this.settings.redisPort(),
					System.getenv(DevStackSettings.REDIS_USERNAME), System.getenv(DevStackSettings.REDIS_PASSWORD));
		}
		Optional<Path> binary = RedisServer.find();
		if (binary.isEmpty()) {
			return Redis.absent("redis-server is not installed (apt-get install redis-server)");
		}
		int port = Ports.claim(this.settings.redisPort(), "Redis", DevStackSettings.REDIS_PORT);
		return Redis.of(RedisServer.start(binary.get(), this.workDir, port));
	}

	/**
	 * A start that failed before any log was written has nothing to show in its work
	 * directory.
	 */
	private void deleteWorkDirWithoutLogs() {
		if (this.settings.workDir() == null && !Files.exists(this.workDir.resolve("logs"))) {
			Cache.delete(this.workDir);
		}
	}

	private List<String> databases() {
		return DevStack.DATABASES.stream().map((service) -> service + this.settings.databaseSuffix()).toList();
	}

	private synchronized <T extends AutoCloseable> T remember(T part) {
		this.started.push(part);
		return part;
	}

	private synchronized void stopStarted() {
		while (!this.started.isEmpty()) {
			try {
				this.started.pop().close();
			}
			catch (Exception ex) {
				System.err.println("Could not stop after a failed start: " + ex);
			}
		}
	}

}
