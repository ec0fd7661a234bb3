package com.xorstack.devstack;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What {@link Suite} starts on top of its {@link DevStack}. A port of {@code 0} means a
 * free one; the defaults come from {@link Service#portVariable()}, else the usual ports.
 *
 * @param otelAgent the OpenTelemetry Java agent jar to run every service with, or
 * {@code null}
 * @param repoRoot the checkout with the services' jars, {@code null} to find it
 */
public record SuiteSettings(DevStackSettings devStack, Map<Service, Integer> ports, @Nullable Path otelAgent,
		@Nullable Path repoRoot) {

	public SuiteSettings {
		ports = Map.copyOf(ports);
	}

	public static SuiteSettings defaults() {
		Map<Service, Integer> ports = new EnumMap<>(Service.class);
		for (Service service : Service.values()) {
			ports.put(service, DevStackSettings.port(System.getenv(), service.portVariable(), service.defaultPort()));
		}
		return new SuiteSettings(DevStackSettings.defaults(), ports, null, null);
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
		return new SuiteSettings(devStack, this.ports, this.otelAgent, this.repoRoot);
	}

	public SuiteSettings withPort(Service service, int port) {
		Map<Service, Integer> changed = new EnumMap<>(this.ports);
		changed.put(service, port);
		return new SuiteSettings(this.devStack, changed, this.otelAgent, this.repoRoot);
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
		return new SuiteSettings(this.devStack, this.ports, agentJar, this.repoRoot);
	}

	public SuiteSettings withRepoRoot(Path repoRoot) {
		return new SuiteSettings(this.devStack, this.ports, this.otelAgent, repoRoot);
	}

}
