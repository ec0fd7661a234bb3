package com.xorstack.devstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The environment variables each service's application.yml reads, pointed at this run's
 * infrastructure and ports. Production sets the same variables, so a service cannot tell
 * a local run from a deployed one.
 */
record ServiceEnvironment(DevStack devStack, Map<Service, Integer> ports, @Nullable Path otelAgent,
		@Nullable String otlpEndpoint, Map<String, String> extra) {

	/** The gateway's template of a trace's page, {@code {traceId}} replaced. */
	static final String TRACE_UI_URL = "XORSTACK_TRACE_UI_URL";

	Map<String, String> variables(Service service) {
		Map<String, String> variables = new LinkedHashMap<>();
		variables.put("SERVER_PORT", String.valueOf(this.ports.get(service)));
		// a local run answers this machine alone, API and actuator alike (Spring Boot's
		// server.address and management.server.address)
		variables.put("SERVER_ADDRESS", "127.0.0.1");
		variables.put("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
		variables.put("KAFKA_BOOTSTRAP_SERVERS", this.devStack.kafkaBootstrapServers());
		// each service signs in as its own principal (platform's KafkaCredentials)
		variables.put("KAFKA_USERNAME", service.module());
		variables.put("KAFKA_PASSWORD", this.devStack.kafkaPassword(service.module()));
		// the tokens' issuer is where people reach Keycloak; the services reach it here
		variables.put("OIDC_ISSUER_URI", this.devStack.issuerUri());
		variables.put("OIDC_INTERNAL_URI", this.devStack.internalIssuerUri());
		variables.put("OIDC_JWK_SET_URI", this.devStack.jwkSetUri());
		String database = service.database();
		if (database != null) {
			variables.put("DB_R2DBC_URL", this.devStack.r2dbcUrl(database));
			variables.put("DB_JDBC_URL", this.devStack.jdbcUrl(database));
			// the runtime role for R2DBC, the owner role for Flyway
			DatabaseLogin runtime = this.devStack.runtimeLogin(database);
			DatabaseLogin owner = this.devStack.ownerLogin(database);
			variables.put("DB_USERNAME", runtime.user());
			variables.put("DB_PASSWORD", runtime.password());
			variables.put("DB_OWNER_USERNAME", owner.user());
			variables.put("DB_OWNER_PASSWORD", owner.password());
		}
		if (service == Service.GATEWAY) {
			variables.put("FEEDBACK_SERVICE_URI", url(Service.FEEDBACK));
			variables.put("METRICS_SERVICE_URI", url(Service.METRICS));
			variables.put("AILOG_SERVICE_URI", url(Service.AILOG));
			variables.put("AUTH_SERVICE_URI", url(Service.AUTH));
			variables.put("REDIS_HOST", this.devStack.redisHost());
			variables.put("REDIS_PORT", String.valueOf(this.devStack.redisPort()));
			variables.put("XORSTACK_REDIS_ENABLED", String.valueOf(this.devStack.redisAvailable()));
			putIfSet(variables, "REDIS_USERNAME", this.devStack.redisUsername());
			putIfSet(variables, "REDIS_PASSWORD", this.devStack.redisPassword());
			variables.put("XORSTACK_CONSOLE_SESSION_KEY", this.devStack.consoleSessionKey());
			// the console's sign-in comes back here, whatever Host a request names
			variables.put("XORSTACK_PUBLIC_URL", url(Service.GATEWAY));
			TraceServer traces = this.devStack.traceServer();
			if (traces != null && System.getenv(TRACE_UI_URL) == null) {
				// the console links each trace id to its page in the local trace UI
				variables.put(TRACE_UI_URL, traces.traceUrlTemplate());
			}
		}
		// every service serves actuator (health, prometheus) on a port of its own, as in
		// production; ServiceProcess probes readiness there
		variables.put("MANAGEMENT_PORT", String.valueOf(Ports.free()));
		if (service == Service.METRICS) {
			// alert receivers of local runs and the e2e tests listen on loopback, which
			// the
			// outbound guard refuses unless allow-listed; production allows nothing
			variables.put("XORSTACK_OUTBOUND_ALLOWED", "127.0.0.1");
		}
		if (service == Service.AUTH) {
			// auth-service's confidential client of deploy/keycloak/xorstack-realm.json
			variables.put("KEYCLOAK_URL", this.devStack.keycloakUrl());
			variables.put("KEYCLOAK_REALM", "xorstack");
			variables.put("KEYCLOAK_ADMIN_CLIENT_ID", "auth-service");
			variables.put("KEYCLOAK_ADMIN_CLIENT_SECRET", "auth-service-secret");
			variables.put("AUDIT_CHAIN_KEY", AuditChainKey.get());
		}
		if (this.otelAgent != null) {
			variables.putAll(tracing(service));
		}
		variables.putAll(this.extra);
		return variables;
	}

	/**
	 * The agent's settings: traces to the local trace server (the agent's Zipkin
	 * exporter) and over OTLP/HTTP when an endpoint is configured, either or both; with
	 * neither nothing leaves the process (the agent still puts trace ids into logs and
	 * problems). Metrics go through Micrometer's Prometheus endpoint and logs to files,
	 * never OTLP.
	 */
	private Map<String, String> tracing(Service service) {
		Map<String, String> variables = new LinkedHashMap<>();
		variables.put("OTEL_SERVICE_NAME", service.module());
		variables.put("OTEL_RESOURCE_ATTRIBUTES",
				"service.namespace=xorstack,deployment.environment.name=devstack,host.name=127.0.0.1");
		variables.put("OTEL_METRICS_EXPORTER", "none");
		variables.put("OTEL_LOGS_EXPORTER", "none");
		List<String> exporters = new ArrayList<>();
		if (this.otlpEndpoint != null) {
			exporters.add("otlp");
			variables.put("OTEL_EXPORTER_OTLP_ENDPOINT", this.otlpEndpoint);
			variables.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
		}
		TraceServer traces = this.devStack.traceServer();
		if (traces != null) {
			exporters.add("zipkin");
			variables.put("OTEL_EXPORTER_ZIPKIN_ENDPOINT", traces.spansEndpoint());
		}
		variables.put("OTEL_TRACES_EXPORTER", exporters.isEmpty() ? "none" : String.join(",", exporters));
		if (!exporters.isEmpty()) {
			// locally a trace should show up at once, not after the default 5 s
			variables.put("OTEL_BSP_SCHEDULE_DELAY", "200");
		}
		variables.putAll(StartupSwitches.VARIABLES);
		return variables;
	}

	private static void putIfSet(Map<String, String> variables, String name, @Nullable String value) {
		if (value != null && !value.isEmpty()) {
			variables.put(name, value);
		}
	}

	String url(Service service) {
		return "http://127.0.0.1:" + this.ports.get(service);
	}

}
