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
	 * How long a service may take to be ready, a training start included: four at once
	 * with the agent take 26-31 s here on a quiet machine, 60-85 s from their AOT caches
	 * and up to 195 s training on a machine loaded fifty deep (issue #25,
	 * docs/BENCHMARKS.md), a benchmark's full JIT several times the quiet figure; the
	 * default leaves room for all of them. Seconds.
	 */
	public static final String READY_TIMEOUT = "XORSTACK_READY_TIMEOUT";

	private static final Duration DEFAULT_READY_TIMEOUT = Duration.ofSeconds(300);

	private static final Duration TRAINING_STOP_TIMEOUT = Duration.ofMinutes(2);

	private final String name;

	private final JavaRuntime java;

	private final Path jar;

	private final int port;

	private final ServiceJvm jvm;

	private final @Nullable Path otelAgent;

	private final Map<String, String> environment;

	private final Path logDir;

	private final Path log;

	private @Nullable AotCache aotCache;

	private @Nullable ChildProcess process;

	/** The services' JVM options instead of the defaults, such as {@code -Xmx512m}. */
	public static final String JVM_OPTIONS = ServiceJvm.OPTIONS;

	/**
	 * @param otelAgent the OpenTelemetry agent's jar, {@code null} for none
	 * @param environment added to this JVM's environment
	 */
	ServiceProcess(String name, JavaRuntime java, Path jar, int port, @Nullable Path otelAgent,
			Map<String, String> environment, Path logDir) {
		this(name, java, jar, port, ServiceJvm.defaults(System.getenv()), otelAgent, environment, logDir);
	}

	private ServiceProcess(String name, JavaRuntime java, Path jar, int port, ServiceJvm jvm, @Nullable Path otelAgent,
			Map<String, String> environment, Path logDir) {
		this.name = name;
		this.java = java;
		this.jar = jar;
		this.port = port;
		this.jvm = jvm;
		this.otelAgent = otelAgent;
		this.environment = Map.copyOf(environment);
		this.logDir = logDir;
		this.log = logDir.resolve(name + ".log");
	}

	/**
	 * The same service (port, environment, log) started another way, such as a
	 * benchmark's comparison of JVM options; stop this one before starting it.
	 */
	public ServiceProcess withJvm(ServiceJvm jvm) {
		return new ServiceProcess(this.name, this.java, this.jar, this.port, jvm, this.otelAgent, this.environment,
				this.logDir);
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
		return new ServiceProcess(name, this.java, this.jar, port, this.jvm, this.otelAgent, environment, this.logDir);
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
	 * the management port when the service has one ({@code MANAGEMENT_PORT}). With an
	 * {@link AotCache} not trained yet, a training start and the cache's assembly come
	 * first (once per built jar).
	 */
	public synchronized ServiceProcess start() {
		if (isRunning()) {
			return this;
		}
		AotCache cache = aotCache();
		if (cache != null && !cache.trained()) {
			train(cache);
		}
		ChildProcess started = ChildProcess.start(this.name, command(cache), childEnvironment(), this.log);
		started.awaitReady(readyTimeout(System.getenv()), () -> Http.ok(readinessUrl()));
		this.process = started;
		return this;
	}

	/** The command of a start, with the cache when there is one. */
	List<String> command(@Nullable AotCache cache) {
		List<String> command = new ArrayList<>(List.of(this.java.java().toString()));
		command.addAll(this.jvm.options(this.java));
		String agent = agentArgument();
		if (cache != null) {
			command.addAll(cache.run(agent));
		}
		else {
			if (agent != null) {
				command.add(agent);
			}
			command.addAll(List.of("-jar", this.jar.toString()));
		}
		return command;
	}

	private @Nullable String agentArgument() {
		return (this.otelAgent != null && this.jvm.otelAgent()) ? "-javaagent:" + this.otelAgent.toAbsolutePath()
				: null;
	}

	private @Nullable AotCache aotCache() {
		if (this.aotCache == null && this.jvm.aotCache()) {
			this.aotCache = AotCache.of(System.getenv(), this.java, this.jar, this.otelAgent);
		}
		return this.aotCache;
	}

	/**
	 * A start that records the classes the service loads up to ready, stopped at once;
	 * the cache is assembled from the record. Its own log, beside the service's.
	 */
	private void train(AotCache cache) {
		List<String> command = new ArrayList<>(List.of(this.java.java().toString()));
		command.addAll(this.jvm.options(this.java));
		command.addAll(cache.training());
		Path trainingLog = this.logDir.resolve(this.name + "-aot-training.log");
		try (ChildProcess training = ChildProcess.start(this.name + " (AOT training)", command, childEnvironment(),
				trainingLog)) {
			training.awaitReady(readyTimeout(System.getenv()), () -> Http.ok(readinessUrl()));
			// the record is written as the JVM exits, which a loaded machine makes slow
			training.stop(TRAINING_STOP_TIMEOUT);
		}
		cache.assemble(this.java, this.jvm.options(this.java), trainingLog);
	}

	private Map<String, String> childEnvironment() {
		Map<String, String> variables = new LinkedHashMap<>(this.jvm.environment());
		variables.putAll(this.environment);
		return variables;
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
