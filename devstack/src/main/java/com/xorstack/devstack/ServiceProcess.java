package com.xorstack.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One service run from its exec jar in a child JVM, configured through environment
 * variables as in production. It can be stopped and started again on the same port, which
 * is how a test takes a service away from under the gateway.
 */
public final class ServiceProcess implements AutoCloseable {

	/**
	 * How long a service may take to be ready: four at once with the agent take 26-31 s
	 * here with C1 (issue #25), a benchmark's full JIT several times that on a busy
	 * machine; the default leaves room for both. Seconds.
	 */
	public static final String READY_TIMEOUT = "XORSTACK_READY_TIMEOUT";

	private static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(300);

	private final String name;

	private final Path jar;

	private final int port;

	private final List<String> command;

	private final Map<String, String> environment;

	private final Path log;

	private @Nullable ChildProcess process;

	/**
	 * @param jvmArguments added before {@code -jar}, such as a {@code -javaagent:}
	 * @param environment added to this JVM's environment
	 */
	/** The services' JVM options instead of the defaults, such as {@code -Xmx512m}. */
	public static final String JVM_OPTIONS = "XORSTACK_SERVICE_JVM_OPTIONS";

	ServiceProcess(String name, JavaRuntime java, Path jar, int port, List<String> jvmArguments,
			Map<String, String> environment, Path logDir) {
		this.name = name;
		this.jar = jar;
		this.port = port;
		// C1 only by default: five JVMs (and the agent's start-up) share a few cores
		// here, and
		// a local suite needs a quick start more than peak throughput. Benchmarks set
		// XORSTACK_SERVICE_JVM_OPTIONS for the full JIT.
		List<String> command = new ArrayList<>(List.of(java.java().toString()));
		String options = System.getenv(JVM_OPTIONS);
		command.addAll((options != null && !options.isBlank()) ? List.of(options.strip().split("\\s+"))
				: List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
		command.addAll(jvmArguments);
		command.addAll(List.of("-jar", jar.toString()));
		this.command = List.copyOf(command);
		this.environment = Map.copyOf(environment);
		this.log = logDir.resolve(name + ".log");
	}

	/**
	 * The same service once more, not started: the same jar, JVM options and settings,
	 * but its own ports and log, with {@code overrides} on top of its environment.
	 */
	ServiceProcess twin(String name, Map<String, String> overrides) {
		Map<String, String> environment = new LinkedHashMap<>(this.environment);
		int port = Ports.free();
		environment.put("SERVER_PORT", String.valueOf(port));
		environment.computeIfPresent("MANAGEMENT_PORT", (key, value) -> String.valueOf(Ports.free()));
		environment.putAll(overrides);
		return new ServiceProcess(name, this.command, port, this.jar, environment,
				this.log.resolveSibling(name + ".log"));
	}

	private ServiceProcess(String name, List<String> command, int port, Path jar, Map<String, String> environment,
			Path log) {
		this.name = name;
		this.jar = jar;
		this.port = port;
		this.command = command;
		this.environment = Map.copyOf(environment);
		this.log = log;
	}

	static Duration readyTimeout(Map<String, String> environment) {
		String seconds = environment.get(READY_TIMEOUT);
		if (seconds == null || seconds.isBlank()) {
			return DEFAULT_READY_TIMEOUT;
		}
		try {
			long value = Long.parseLong(seconds.strip());
			if (value > 0) {
				return Duration.ofSeconds(value);
			}
		}
		catch (NumberFormatException ex) {
			// reported below
		}
		throw new DevStackException(READY_TIMEOUT + " must be a number of seconds above 0, not '" + seconds + "'");
	}

	/**
	 * Starts the JVM and waits until {@code /actuator/health/readiness} answers 200, on
	 * the management port when the service has one ({@code MANAGEMENT_PORT}).
	 */
	public synchronized ServiceProcess start() {
		if (isRunning()) {
			return this;
		}
		ChildProcess started = ChildProcess.start(this.name, this.command, this.environment, this.log);
		started.awaitReady(readyTimeout(System.getenv()), () -> Http.ok(readinessUrl()));
		this.process = started;
		return this;
	}

	/**
	 * SIGTERM to the JVM (a graceful shutdown), SIGKILL if it is still there after 15 s.
	 */
	public synchronized void stop() {
		if (this.process != null) {
			this.process.close();
			this.process = null;
		}
	}

	@Override
	public void close() {
		stop();
	}

	public synchronized boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	public String name() {
		return this.name;
	}

	public int port() {
		return this.port;
	}

	public String baseUrl() {
		return "http://127.0.0.1:" + this.port;
	}

	/** Health lives on the management port of a service given {@code MANAGEMENT_PORT}. */
	String readinessUrl() {
		return managementUrl() + "/actuator/health/readiness";
	}

	/**
	 * Where actuator (health, Prometheus) answers: the management port when the service
	 * has one ({@code MANAGEMENT_PORT}), else the API port.
	 */
	public String managementUrl() {
		String managementPort = this.environment.get("MANAGEMENT_PORT");
		return (managementPort != null) ? "http://127.0.0.1:" + managementPort : baseUrl();
	}

	public Path jar() {
		return this.jar;
	}

	/** Where the service's output goes; a restart appends to it. */
	public Path log() {
		return this.log;
	}

	/** The process id while running, for tests that look at the process itself. */
	public synchronized long pid() {
		if (this.process == null) {
			throw new IllegalStateException(this.name + " is not running");
		}
		return this.process.pid();
	}

	@Override
	public String toString() {
		return this.name + " at " + baseUrl();
	}

}
