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
 * export nothing; by default {@code OTEL_EXPORTER_OTLP_ENDPOINT}
 * @param repoRoot the checkout with the services' jars, {@code null} to find it
 * @param serviceVariables more environment variables for every service, such as a log
 * level a test needs
 */
public record SuiteSettings(DevStackSettings devStack, Map<Service, Integer> ports, @Nullable Path otelAgent,
		@Nullable String otlpEndpoint, @Nullable Path repoRoot, Map<String, String> serviceVariables) {

	/**
	 * {@code off} runs the services without the agent; a path runs them with that jar.
	 */
	public static final String OTEL_AGENT = "XORSTACK_OTEL_AGENT";

	public static final String OTLP_ENDPOINT = "OTEL_EXPORTER_OTLP_ENDPOINT";

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
		return new SuiteSettings(DevStackSettings.fromEnvironment(env), ports, agent(env.get(OTEL_AGENT)),
				(endpoint != null && !endpoint.isBlank()) ? endpoint.strip() : null, null, Map.of());
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
		return new SuiteSettings(devStack, this.ports, this.otelAgent, this.otlpEndpoint, this.repoRoot,
				this.serviceVariables);
	}

	public SuiteSettings withPort(Service service, int port) {
		Map<Service, Integer> changed = new EnumMap<>(this.ports);
		changed.put(service, port);
		return new SuiteSettings(this.devStack, changed, this.otelAgent, this.otlpEndpoint, this.repoRoot,
				this.serviceVariables);
	}

	/** Free ports for the services; the DevStack keeps its own settings. */
	public SuiteSettings withFreePorts() {
		SuiteSettings settings = this;
		for (Service service : Service.values()) {
			settings = settings.withPort(service, 0);
		}
		return settings;
	}

	public SuiteSettings withOtelAgent(@Nullable Path agentJar) {
		return new SuiteSettings(this.devStack, this.ports, agentJar, this.otlpEndpoint, this.repoRoot,
				this.serviceVariables);
	}

	/**
	 * Such as {@code http://127.0.0.1:4318}; the agents post to its {@code /v1/traces}.
	 */
	public SuiteSettings withOtlpEndpoint(@Nullable String endpoint) {
		return new SuiteSettings(this.devStack, this.ports, this.otelAgent, endpoint, this.repoRoot,
				this.serviceVariables);
	}

	public SuiteSettings withServiceVariable(String name, String value) {
		Map<String, String> variables = new LinkedHashMap<>(this.serviceVariables);
		variables.put(name, value);
		return new SuiteSettings(this.devStack, this.ports, this.otelAgent, this.otlpEndpoint, this.repoRoot,
				variables);
	}

	public SuiteSettings withRepoRoot(Path repoRoot) {
		return new SuiteSettings(this.devStack, this.ports, this.otelAgent, this.otlpEndpoint, repoRoot,
				this.serviceVariables);
	}

}
