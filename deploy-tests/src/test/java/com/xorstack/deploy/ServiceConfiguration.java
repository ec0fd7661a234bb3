package com.xorstack.deploy;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * What a service reads from its environment: the {@code ${VARIABLE:default}} placeholders
 * of its {@code application.yml}, the one source the deployment files are checked
 * against.
 */
record ServiceConfiguration(String module, Map<String, @Nullable String> variables) {

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)(?::([^}$]*))?");

	/**
	 * Variables the OpenTelemetry agent, the JVM and glibc's malloc read, set beside the
	 * service's own.
	 */
	static final Set<String> AGENT_PREFIXES = Set.of("OTEL_", "JAVA_TOOL_OPTIONS", "MALLOC_ARENA_MAX");

	static ServiceConfiguration of(String module) {
		String yaml = Repo.read(module + "/src/main/resources/application.yml");
		Map<String, @Nullable String> variables = new LinkedHashMap<>();
		Matcher matcher = PLACEHOLDER.matcher(yaml);
		while (matcher.find()) {
			variables.putIfAbsent(matcher.group(1), matcher.group(2));
		}
		return new ServiceConfiguration(module, variables);
	}

	boolean reads(String variable) {
		return this.variables.containsKey(variable)
				|| AGENT_PREFIXES.stream().anyMatch((prefix) -> variable.startsWith(prefix));
	}

	/**
	 * Variables whose local default points at this machine: a deployment must set every
	 * one of them, or the service would look for its database, Kafka or Keycloak on
	 * loopback inside its container.
	 */
	Set<String> loopbackDefaults() {
		Set<String> loopback = new java.util.TreeSet<>();
		this.variables.forEach((name, fallback) -> {
			if (fallback != null && (fallback.contains("127.0.0.1") || fallback.contains("localhost"))) {
				loopback.add(name);
			}
		});
		return loopback;
	}

	/** The port the service listens on by default ({@code SERVER_PORT}). */
	int defaultPort() {
		return Integer.parseInt(this.variables.get("SERVER_PORT"));
	}

	/** The database its default R2DBC URL names, {@code null} for the gateway. */
	@Nullable String database() {
		String url = this.variables.get("DB_R2DBC_URL");
		return (url != null) ? url.substring(url.lastIndexOf('/') + 1) : null;
	}

}
