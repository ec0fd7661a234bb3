package com.xorstack.devstack;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What {@link Suite} starts on top of its {@link DevStack}. A port of {@code 0} means a
 * free one; the defaults come from {@link Service#portVariable()}, else the usual ports.
 *
 * @param otelAgent the OpenTelemetry Java agent jar to run every service with, or
 * {@code null} for none; by default the one devstack-artifacts resolved
 * @param otlpEndpoint where the agents send traces (OTLP over HTTP), or {@code null} to
 * export nothing there; by default {@code OTEL_EXPORTER_OTLP_ENDPOINT}
 * @param traceServerPort the port of the local trace UI (Zipkin, {@link TraceServer}) the
 * agents also export to, {@code 0} for a free one, {@code null} for none; by default
 * {@code XORSTACK_ZIPKIN_PORT} or 9411, none when {@code XORSTACK_TRACE_SERVER=off} or
 * when {@code OTEL_EXPORTER_OTLP_ENDPOINT} sends traces elsewhere
 * @param repoRoot the checkout with the services' jars, {@code null} to find it
 * @param serviceVariables more environment variables for every service, such as a log
 * level a test needs
 */
public record SuiteSettings(DevStackSettings devStack, Map<Service, Integer> ports, @Nullable Path otelAgent,
		@Nullable String otlpEndpoint, @Nullable Integer traceServerPort, @Nullable Path repoRoot,
		Map<String, String> serviceVariables) {

	/**
	 * {@code off} runs the services without the agent; a path runs them with that jar.
	 */
	public static final String OTEL_AGENT = "XORSTACK_OTEL_AGENT";

	public static final String OTLP_ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";

	/** {@code off} starts no trace server. */
	public static final String TRACE_SERVER = "XORSTACK_TRACE_SERVER";

	public static final String TRACE_SERVER_PORT = "XORSTACK_ZIPKIN_PORT";

	public SuiteSettings {
		ports = Map.copyOf(ports);
		serviceVariables = Map.copyOf(serviceVariables);
	}

	public static SuiteSettings defaults() {
		return fromEnvironment(System.getenv());
	}

	static SuiteSettings fromEnvironment(Map<String, String> env) {
		Map<Service, Integer> ports = new EnumMap<>(Service.class);
		for (Service service : Service.values()) {
			ports.put(service, DevStackSettings.port(env, service.portVariable(), service.defaultPort()));
		}
		String endpoint = env.get(OTLP_ENDPOINT);
		String otlp = (endpoint != null && !endpoint.isBlank()) ? endpoint.strip() : null;
		// an OTLP endpoint means traces go elsewhere (Jaeger, a collector) instead
		boolean traceServer = otlp == null && !"off".equalsIgnoreCase(env.getOrDefault(TRACE_SERVER, "").strip());
		Integer traceServerPort = traceServer ? DevStackSettings.port(env, TRACE_SERVER_PORT, 9411) : null;
		return new SuiteSettings(DevStackSettings.fromEnvironment(env), ports, agent(env.get(OTEL_AGENT)), otlp,
				traceServerPort, null, Map.of());
	}

	private static @Nullable Path agent(@Nullable String setting) {
		if (setting == null || setting.isBlank()) {
			return Artifacts.load().otelAgent();
		}
		return "off".equalsIgnoreCase(setting.strip()) ? null : Path.of(setting.strip());
	}

	/**
	 * Free ports everywhere and empty databases named with {@code databaseSuffix}, such
	 * as {@code _e2e}.
	 */
	public static SuiteSettings forTests(String databaseSuffix) {
		return defaults().withDevStack(DevStackSettings.forTests(databaseSuffix)).withFreePorts();
	}

	public int port(Service service) {
		return this.ports.get(service);
	}

	public SuiteSettings withDevStack(DevStackSettings devStack) {
		return new SuiteSettings(devStack, this.ports, this.otelAgent, this.otlpEndpoint, this.traceServerPort,
				this.repoRoot, this.serviceVariables);
	}

	public SuiteSettings withPort(Service service, int port) {
		Map<Service, Integer> changed = new EnumMap<>(this.ports);
		changed.put(service, port);
		return new SuiteSettings(this.devStack, changed, this.otelAgent, this.otlpEndpoint, this.traceServerPort,
				this.repoRoot, this.serviceVariables);
	}

	/** Free ports for the services; the DevStack keeps its own settings. */
	public SuiteSettings withFreePorts() {
		SuiteSettings settings = this;
		for (Service service : Service.values()) {
			settings = settings.withPort(service, 0);
		}
		return (this.traceServerPort != null) ? settings.withTraceServerPort(0) : settings;
	}

	public SuiteSettings withOtelAgent(@Nullable Path agentJar) {
		return new SuiteSettings(this.devStack, this.ports, agentJar, this.otlpEndpoint, this.traceServerPort,
				this.repoRoot, this.serviceVariables);
	}

	/**
	 * Such as {@code http://127.0.0.1:4318}; the agents post to its {@code /v1/traces}.
	 */
	public SuiteSettings withOtlpEndpoint(@Nullable String endpoint) {
		return new SuiteSettings(this.devStack, this.ports, this.otelAgent, endpoint, this.traceServerPort,
				this.repoRoot, this.serviceVariables);
	}

	/**
	 * Starts the local trace server on {@code port} ({@code 0} for a free one), or none
	 * when {@code null}; the agents export to it and to the OTLP endpoint, if any.
	 */
	public SuiteSettings withTraceServerPort(@Nullable Integer port) {
		return new SuiteSettings(this.devStack, this.ports, this.otelAgent, this.otlpEndpoint, port, this.repoRoot,
				this.serviceVariables);
	}

	public SuiteSettings withServiceVariable(String name, String value) {
		Map<String, String> variables = new LinkedHashMap<>(this.serviceVariables);
		variables.put(name, value);
		return new SuiteSettings(this.devStack, this.ports, this.otelAgent, this.otlpEndpoint, this.traceServerPort,
				this.repoRoot, variables);
	}

	public SuiteSettings withRepoRoot(Path repoRoot) {
		return new SuiteSettings(this.devStack, this.ports, this.otelAgent, this.otlpEndpoint, this.traceServerPort,
				repoRoot, this.serviceVariables);
	}

}
