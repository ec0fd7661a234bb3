package com.xorstack.devstack;

import java.util.Map;

/**
 * Instrumentations of the OpenTelemetry agent that the services do not need. Each one
 * left on costs class transformation at start-up on every JVM; these cover libraries the
 * services do not call on a request's path (Flyway's JDBC runs once at start).
 */
final class StartupSwitches {

	static final Map<String, String> VARIABLES = Map.of("OTEL_INSTRUMENTATION_JDBC_ENABLED", "false",
			"OTEL_INSTRUMENTATION_JDBC_DATASOURCE_ENABLED", "false", "OTEL_INSTRUMENTATION_SPRING_SCHEDULING_ENABLED",
			"false", "OTEL_INSTRUMENTATION_MICROMETER_ENABLED", "false",
			"OTEL_INSTRUMENTATION_RUNTIME_TELEMETRY_ENABLED", "false");

	private StartupSwitches() {
	}

}
