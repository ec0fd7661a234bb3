package com.xorstack.devstack;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.jspecify.annotations.Nullable;

/**
 * The whole suite on loopback: a {@link DevStack} and the five services run from their
 * exec jars. The four services behind the gateway start at once, the gateway after them.
 * Closing stops them in reverse: gateway, services, then the infrastructure.
 *
 * <pre>{@code
 * try (Suite suite = Suite.start(SuiteSettings.forTests("_e2e"))) {
 *     String token = suite.tokens().passwordToken("demo-user", "demo-user");
 *     // call suite.gatewayUrl() + "/api/me" with it
 * }
 * }</pre>
 */
public final class Suite implements AutoCloseable {

	private static final List<Service> BEHIND_GATEWAY = List.of(Service.AUTH, Service.FEEDBACK, Service.METRICS,
			Service.AILOG);

	private final DevStack devStack;

	private final Map<Service, ServiceProcess> services;

	private final List<ServiceProcess> twins = new CopyOnWriteArrayList<>();

	private boolean closed;

	private volatile boolean dropDatabasesOnClose;

	private Suite(DevStack devStack, Map<Service, ServiceProcess> services) {
		this.devStack = devStack;
		this.services = services;
	}

	public static Suite start() {
		return start(SuiteSettings.defaults());
	}

	public static Suite start(SuiteSettings settings) {
		Path root = (settings.repoRoot() != null) ? settings.repoRoot() : RepoRoot.find();
		Map<Service, Path> jars = ServiceJars.find(root);
		Map<Service, Integer> ports = new EnumMap<>(Service.class);
		for (Service service : Service.values()) {
			ports.put(service, Ports.claim(settings.port(service), service.module(), service.portVariable()));
		}
		JavaRuntime java = JavaRuntime.find();
		Path agent = (settings.otelAgent() != null) ? Artifacts.existing(settings.otelAgent()) : null;
		// a trace server without agents to send it anything would be memory for nothing
		DevStack devStack = DevStack.start(settings.devStack(), (agent != null) ? settings.traceServerPort() : null);
		ServiceEnvironment environment = new ServiceEnvironment(devStack, ports, agent, settings.otlpEndpoint(),
				settings.serviceVariables());
		Map<Service, ServiceProcess> services = new EnumMap<>(Service.class);
		for (Service service : Service.values()) {
			services.put(service, new ServiceProcess(service.module(), java, jars.get(service), ports.get(service),
					agent, environment.variables(service), devStack.workDir().resolve("logs")));
		}
		Suite suite = new Suite(devStack, services);
		try {
			if (settings.devStack().keycloak()) {
				// the realm names port 8080 alone; a gateway elsewhere is added for this
				// run
				devStack.allowConsoleAt(environment.url(Service.GATEWAY));
			}
			Parallel.forEach(BEHIND_GATEWAY.stream().map(services::get).toList(), ServiceProcess::start);
			services.get(Service.GATEWAY).start();
			// a probe answered by something else on the port would have let a failed
			// start pass
			for (ServiceProcess service : services.values()) {
				if (!service.isRunning()) {
					throw new DevStackException(
							service.name() + " is not running after it reported ready; see " + service.log());
				}
			}
		}
		catch (RuntimeException ex) {
			// keep the work directory: the error names a log in it
			suite.stop(false);
			throw ex;
		}
		StopOnExit.register(suite);
		return suite;
	}

	public DevStack devStack() {
		return this.devStack;
	}

	public String gatewayUrl() {
		return baseUrl(Service.GATEWAY);
	}

	public String baseUrl(Service service) {
		return service(service).baseUrl();
	}

	/**
	 * The local trace server (Zipkin: API under {@code /api/v2}, UI under
	 * {@code /zipkin/}), {@code null} when none was started.
	 */
	public @Nullable String traceServerUrl() {
		TraceServer traces = this.devStack.traceServer();
		return (traces != null) ? traces.url() : null;
	}

	public ServiceProcess service(Service service) {
		return this.services.get(service);
	}

	/**
	 * Starts a second process of {@code service} with the same settings plus
	 * {@code overrides}, on ports of its own, stopped with the suite: for comparing one
	 * setting in one run, both processes on the same machine at the same time (the
	 * database-metrics benchmark). Named {@code name} in its log file.
	 */
	public ServiceProcess startTwin(Service service, String name, Map<String, String> overrides) {
		ServiceProcess twin = service(service).twin(name, overrides);
		this.twins.add(twin);
		return twin.start();
	}

	/**
	 * Tokens from the suite's Keycloak, for the demo users and the edge-functions client.
	 */
	public TokenClient tokens() {
		return new TokenClient(this.devStack.internalIssuerUri());
	}

	@Override
	public void close() {
		stop(true);
	}

	/**
	 * Drops the suite's databases when it stops, for a test run that made databases of
	 * its own (such as ones suffixed with its process id).
	 */
	public void dropDatabasesOnClose() {
		this.dropDatabasesOnClose = true;
	}

	private synchronized void stop(boolean deleteWorkDir) {
		if (this.closed) {
			return;
		}
		this.closed = true;
		service(Service.GATEWAY).stop();
		this.twins.forEach(ServiceProcess::stop);
		Parallel.forEach(BEHIND_GATEWAY.stream().map(this::service).toList(), ServiceProcess::stop);
		if (this.dropDatabasesOnClose) {
			try {
				this.devStack.dropDatabases();
			}
			catch (RuntimeException ex) {
				System.err.println("Could not drop the suite's databases: " + ex.getMessage());
			}
		}
		this.devStack.close(deleteWorkDir);
		StopOnExit.unregister(this);
	}

	@Override
	public String toString() {
		return "Suite with gateway at " + gatewayUrl();
	}

}
