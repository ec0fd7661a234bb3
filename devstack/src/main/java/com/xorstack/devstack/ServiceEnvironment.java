package com.xorstack.devstack;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The environment variables each service's application.yml reads, pointed at this run's
 * infrastructure and ports. Production sets the same variables, so a service cannot tell
 * a local run from a deployed one.
 */
record ServiceEnvironment(DevStack devStack, Map<Service, Integer> ports, @Nullable Path otelAgent) {

	Map<String, String> variables(Service service) {
		Map<String, String> variables = new LinkedHashMap<>();
		variables.put("SERVER_PORT", String.valueOf(this.ports.get(service)));
		variables.put("KAFKA_BOOTSTRAP_SERVERS", this.devStack.kafkaBootstrapServers());
		variables.put("OIDC_ISSUER_URI", this.devStack.issuerUri());
		variables.put("OIDC_JWK_SET_URI", this.devStack.jwkSetUri());
		String database = service.database();
		if (database != null) {
			variables.put("DB_R2DBC_URL", this.devStack.r2dbcUrl(database));
			variables.put("DB_JDBC_URL", this.devStack.jdbcUrl(database));
			variables.put("DB_USERNAME", this.devStack.postgresUser());
			variables.put("DB_PASSWORD", this.devStack.postgresPassword());
		}
		if (service == Service.GATEWAY) {
			variables.put("FEEDBACK_SERVICE_URI", url(Service.FEEDBACK));
			variables.put("METRICS_SERVICE_URI", url(Service.METRICS));
			variables.put("AILOG_SERVICE_URI", url(Service.AILOG));
			variables.put("AUTH_SERVICE_URI", url(Service.AUTH));
			variables.put("REDIS_HOST", this.devStack.redisHost());
			variables.put("REDIS_PORT", String.valueOf(this.devStack.redisPort()));
			variables.put("XORSTACK_REDIS_ENABLED", String.valueOf(this.devStack.redisAvailable()));
			// the gateway serves actuator on its own port only; ServiceProcess probes it
			// there
			variables.put("MANAGEMENT_PORT", String.valueOf(Ports.free()));
		}
		if (service == Service.AUTH) {
			// auth-service's confidential client of deploy/keycloak/xorstack-realm.json
			variables.put("KEYCLOAK_URL", this.devStack.keycloakUrl());
			variables.put("KEYCLOAK_REALM", "xorstack");
			variables.put("KEYCLOAK_ADMIN_CLIENT_ID", "auth-service");
			variables.put("KEYCLOAK_ADMIN_CLIENT_SECRET", "auth-service-secret");
		}
		if (this.otelAgent != null) {
			variables.put("OTEL_SERVICE_NAME", service.module());
		}
		return variables;
	}

	List<String> jvmArguments(Service service) {
		return (this.otelAgent != null) ? List.of("-javaagent:" + this.otelAgent.toAbsolutePath()) : List.of();
	}

	private String url(Service service) {
		return "http://127.0.0.1:" + this.ports.get(service);
	}

}
