package com.xorstack.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Properties;

import com.xorstack.platform.events.KafkaPrincipals;
import org.jspecify.annotations.Nullable;

/**
 * A test JVM's way into the build's {@link SharedStackServer}: the first JVM of a Maven
 * build starts it, the others find its state file under the root {@code target/}. Each
 * JVM still makes PostgreSQL databases of its own, and takes the stack for its whole life
 * (a lease, a file lock the operating system lets go of when the JVM exits, however it
 * exits), starting from an empty broker: two modules never see each other's topics,
 * records or consumer groups, whether Maven builds them one after the other or with
 * {@code -T}.
 * <p>
 * Outside Maven (an IDE) or with {@code -Dxorstack.test-stack=own}, nothing is shared.
 */
final class SharedTestStack {

	static final String MODE = "xorstack.test-stack";

	private static final System.Logger logger = System.getLogger(SharedTestStack.class.getName());

	/** DevStack's own readiness limit is five minutes; the server adds its JVM start. */
	private static final Duration START_TIMEOUT = Duration.ofMinutes(6);

	private static final String MAVEN_LAUNCHER = "org.codehaus.plexus.classworlds.launcher.Launcher";

	/** Kept open for the JVM's life: the lease is its lock. */
	@SuppressWarnings("unused")
	private static @Nullable FileChannel lease;

	private SharedTestStack() {
	}

	/**
	 * The build's shared stack with databases of this JVM's own, or {@code null} when
	 * this JVM is not part of a Maven build or asked for a stack of its own.
	 */
	static @Nullable DevStack attach(DevStackSettings settings) {
		if ("own".equals(System.getProperty(MODE))) {
			return null;
		}
		OptionalLong build = mavenProcess();
		if (build.isEmpty()) {
			return null;
		}
		Path dir = RepoRoot.find().resolve("target").resolve("test-stack");
		Properties state = running(dir, build.getAsLong());
		takeLease(dir.resolve("lease-" + build.getAsLong()));
		DevStack stack = stackOf(settings, state);
		try {
			// a JVM before this one may have left it stopped: every test starts with a
			// broker
			stack.startKafka();
			KafkaReset.run(stack.kafkaClientProperties(KafkaUsers.ADMIN));
			return stack;
		}
		catch (RuntimeException ex) {
			stack.close();
			throw ex;
		}
	}

	/**
	 * The Maven process among this JVM's ancestors (surefire and failsafe start test JVMs
	 * through a shell).
	 */
	static OptionalLong mavenProcess() {
		ProcessHandle process = ProcessHandle.current().parent().orElse(null);
		for (int depth = 0; process != null && depth < 6; depth++) {
			if (process.info().commandLine().orElse("").contains(MAVEN_LAUNCHER)) {
				return OptionalLong.of(process.pid());
			}
			process = process.parent().orElse(null);
		}
		return OptionalLong.empty();
	}

	/** The state of the build's running server, started now if there is none yet. */
	private static Properties running(Path dir, long build) {
		Path stateFile = dir.resolve("state-" + build + ".properties");
		try {
			Files.createDirectories(dir);
			try (FileChannel lock = FileChannel.open(dir.resolve("lock-" + build), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE); var held = lock.lock()) {
				Properties state = read(stateFile);
				if (state != null && alive(state.getProperty("server.pid"))) {
					return state;
				}
				return start(dir, stateFile, build);
			}
		}
		catch (IOException ex) {
			throw new DevStackException("Cannot share the test stack in " + dir + ": " + ex.getMessage(), ex);
		}
	}

	private static Properties start(Path dir, Path stateFile, long build) throws IOException {
		Files.deleteIfExists(stateFile);
		Path log = dir.resolve("server-" + build + ".log");
		String java = ProcessHandle.current().info().command().orElse("java");
		Process server = new ProcessBuilder(java, "-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), SharedStackServer.class.getName(), stateFile.toString(),
				String.valueOf(build))
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
			.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
			.start();
		logger.log(System.Logger.Level.INFO,
				"Starting the build's shared test stack (pid " + server.pid() + ", log " + log + ")");
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			Properties state = read(stateFile);
			if (state != null) {
				return state;
			}
			if (!server.isAlive()) {
				throw new DevStackException("The build's shared test stack did not start: see " + log);
			}
			sleep(Duration.ofMillis(200));
		}
		server.destroy();
		throw new DevStackException("The build's shared test stack was not ready in " + START_TIMEOUT + ": see " + log);
	}

	private static void takeLease(Path file) {
		try {
			FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
			if (channel.tryLock() == null) {
				logger.log(System.Logger.Level.INFO, "Waiting for the other module's tests to finish with the stack");
				channel.lock();
			}
			lease = channel;
		}
		catch (IOException ex) {
			throw new DevStackException("Cannot take the test stack's lease " + file + ": " + ex.getMessage(), ex);
		}
	}

	private static DevStack stackOf(DevStackSettings settings, Properties state) {
		Path workDir = DevStack.workDir(settings);
		Postgres postgres = Postgres.connect(settings.postgresUrl(), settings.postgresUser(),
				settings.postgresPassword(), workDir.resolve("logs"));
		try {
			postgres.ensureDatabases(
					DevStack.DATABASES.stream().map((name) -> name + settings.databaseSuffix()).toList(),
					settings.recreateDatabases());
		}
		catch (RuntimeException ex) {
			postgres.close();
			throw ex;
		}
		int kafkaPort = Integer.parseInt(state.getProperty("kafka.port"));
		Map<String, String> passwords = new HashMap<>();
		KafkaPrincipals.ALL.forEach((user) -> passwords.put(user, state.getProperty("kafka.password." + user)));
		KafkaUsers users = new KafkaUsers("127.0.0.1:" + kafkaPort, state.getProperty("kafka.admin.password"),
				passwords);
		SharedStackControl.Client owner = new SharedStackControl.Client(
				Integer.parseInt(state.getProperty("control.port")), state.getProperty("control.token"));
		Redis redis = new Redis(state.getProperty("redis.host"), Integer.parseInt(state.getProperty("redis.port")),
				state.getProperty("redis.username"), state.getProperty("redis.password"),
				Boolean.parseBoolean(state.getProperty("redis.available")), state.getProperty("redis.why", ""), null);
		DevStack stack = new DevStack(settings, workDir, postgres, redis, KafkaBroker.ownedBy(owner, kafkaPort, users),
				KeycloakServer.ownedElsewhere(Integer.parseInt(state.getProperty("keycloak.port"))), null);
		StopOnExit.register(stack);
		return stack;
	}

	private static @Nullable Properties read(Path stateFile) throws IOException {
		if (!Files.isRegularFile(stateFile)) {
			return null;
		}
		Properties state = new Properties();
		try (InputStream in = Files.newInputStream(stateFile)) {
			state.load(in);
		}
		return state;
	}

	private static boolean alive(@Nullable String pid) {
		return pid != null && ProcessHandle.of(Long.parseLong(pid)).map(ProcessHandle::isAlive).orElse(false);
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DevStackException("Interrupted while the shared test stack starts", ex);
		}
	}

}
