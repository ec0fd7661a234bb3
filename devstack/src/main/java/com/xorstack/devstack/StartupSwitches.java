package com.xorstack.devstack;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The OpenTelemetry agent's instrumentations the suite needs, and no others. Each one
 * left on costs type matching on every class a JVM loads, and on this machine's shared
 * cores the agent's full set made each service's start far slower. What remains covers a
 * request end to end: HTTP in and out (Netty, Reactor Netty, WebFlux, the gateway),
 * R2DBC, Kafka produce and consume, Redis, context across Reactor and executors, the API
 * bridge the platform's tracing code uses, and trace ids in Logback's MDC.
 */
final class StartupSwitches {

	static final List<String> INSTRUMENTATIONS = List.of("netty", "reactor-netty", "reactor", "spring-webflux",
			"spring-cloud-gateway", "r2dbc", "kafka", "spring-kafka", "lettuce", "executors", "spring-core",
			"opentelemetry-api", "opentelemetry-instrumentation-api", "logback-mdc");

	static final Map<String, String> VARIABLES = variables();

	private StartupSwitches() {
	}

	private static Map<String, String> variables() {
		Map<String, String> variables = new LinkedHashMap<>();
		variables.put("OTEL_INSTRUMENTATION_COMMON_DEFAULT_ENABLED", "false");
		for (String name : INSTRUMENTATIONS) {
			variables.put("OTEL_INSTRUMENTATION_" + name.toUpperCase().replace('-', '_') + "_ENABLED", "true");
		}
		return Map.copyOf(variables);
	}

}
