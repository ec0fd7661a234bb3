package com.xorstack.deploy;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docker-compose.yml against the services' real configuration: a renamed variable, a
 * moved port or a new loopback default in an application.yml fails here, not on a host.
 */
class DockerComposeTests {

	private static final Pattern HEALTH_PORT = Pattern.compile("/dev/tcp/127\\.0\\.0\\.1/(\\d+)");

	@Test
	void dockerComposeAcceptsTheFile() {
		assertThat(DockerCompose.resolved()).containsKeys("services", "volumes");
		assertThat(Repo.map(DockerCompose.resolved().get("services"))).containsKeys("postgres", "kafka", "keycloak",
				"redis", "jaeger");
	}

	@Test
	void everyServiceIsBuiltFromItsOwnModuleByTheDockerfile() {
		for (String module : Repo.SERVICES) {
			Map<String, Object> build = Repo.map(DockerCompose.service(module).get("build"));
			assertThat(Repo.map(build.get("args"))).as(module).containsEntry("MODULE", module);
			assertThat(Repo.path(module + "/pom.xml")).as(module).isRegularFile();
		}
	}

	@Test
	void servicesAreGivenOnlyVariablesTheyRead() {
		for (String module : Repo.SERVICES) {
			ServiceConfiguration configuration = ServiceConfiguration.of(module);
			assertThat(DockerCompose.environment(module).keySet()).as("variables of %s", module)
				.allMatch(configuration::reads, "read by " + module + "'s application.yml");
		}
	}

	@Test
	void everyLoopbackDefaultIsOverridden() {
		for (String module : Repo.SERVICES) {
			Map<String, String> environment = DockerCompose.environment(module);
			assertThat(environment).as(module)
				.containsKeys(ServiceConfiguration.of(module).loopbackDefaults().toArray(String[]::new));
			environment
				.forEach((name, value) -> assertThat(value).as("%s of %s", name, module).doesNotContain("127.0.0.1"));
		}
	}

	@Test
	void portsAndHealthChecksAreTheServicesOwn() {
		for (String module : Repo.SERVICES) {
			Map<String, String> environment = DockerCompose.environment(module);
			assertThat(environment.get("SERVER_PORT")).as(module)
				.isEqualTo(String.valueOf(ServiceConfiguration.of(module).defaultPort()));
			String healthCheck = String.join(" ",
					Repo.list(Repo.at(DockerCompose.service(module), "healthcheck").get("test"))
						.stream()
						.map(String::valueOf)
						.toList());
			Matcher port = HEALTH_PORT.matcher(healthCheck);
			assertThat(port.find()).as(healthCheck).isTrue();
			assertThat(port.group(1)).as("%s probes its management port", module)
				.isEqualTo(environment.get("MANAGEMENT_PORT"));
			assertThat(healthCheck).contains("/actuator/health/readiness");
		}
	}

	@Test
	void theGatewayRoutesToEachServiceByItsNameAndPort() {
		Map<String, String> gateway = DockerCompose.environment("gateway");
		for (String module : Repo.SERVICES.subList(1, Repo.SERVICES.size())) {
			String variable = module.replace("-service", "").toUpperCase() + "_SERVICE_URI";
			assertThat(ServiceConfiguration.of("gateway").reads(variable)).as(variable).isTrue();
			assertThat(gateway.get(variable)).as(variable)
				.isEqualTo("http://" + module + ":" + DockerCompose.environment(module).get("SERVER_PORT"));
		}
		assertThat(gateway.get("REDIS_HOST")).isEqualTo("redis");
	}

	@Test
	void eachServiceUsesItsOwnDatabaseWhichPostgresCreates() {
		String init = Repo.read("deploy/postgres/init-databases.sh");
		List<String> volumes = Repo.list(DockerCompose.service("postgres").get("volumes"))
			.stream()
			.map(String::valueOf)
			.toList();
		assertThat(volumes).anyMatch((volume) -> volume.contains("init-databases.sh:/docker-entrypoint-initdb.d/"));
		for (String module : Repo.SERVICES.subList(1, Repo.SERVICES.size())) {
			String database = ServiceConfiguration.of(module).database();
			Map<String, String> environment = DockerCompose.environment(module);
			assertThat(environment.get("DB_R2DBC_URL")).isEqualTo("r2dbc:postgresql://postgres:5432/" + database);
			assertThat(environment.get("DB_JDBC_URL")).isEqualTo("jdbc:postgresql://postgres:5432/" + database);
			assertThat(init).containsPattern("for database in [a-z ]*\\b" + database + "\\b");
		}
	}

	@Test
	void eachServiceRunsAsItsRuntimeRoleAndMigratesAsItsOwnerNeverAsTheSuperuser() {
		String superuser = DockerCompose.environment("postgres").get("POSTGRES_USER");
		for (String module : Repo.SERVICES.subList(1, Repo.SERVICES.size())) {
			String database = ServiceConfiguration.of(module).database();
			String prefix = database.toUpperCase(java.util.Locale.ROOT);
			Map<String, String> environment = DockerCompose.environment(module);
			assertThat(ServiceConfiguration.of(module).reads("DB_OWNER_USERNAME")).as(module).isTrue();
			assertThat(environment).as(module)
				.containsEntry("DB_USERNAME", database + "_app")
				.containsEntry("DB_OWNER_USERNAME", database + "_owner");
			assertThat(environment.get("DB_USERNAME")).isNotEqualTo(environment.get("DB_OWNER_USERNAME"))
				.isNotEqualTo(superuser);
			assertThat(environment.get("DB_OWNER_USERNAME")).isNotEqualTo(superuser);
			// no default in the file: the stand-in of a required variable
			assertThat(environment).as(module)
				.containsEntry("DB_PASSWORD", "test-" + prefix + "_DB_PASSWORD")
				.containsEntry("DB_OWNER_PASSWORD", "test-" + prefix + "_DB_OWNER_PASSWORD");
			// and the init script makes the roles with the same passwords
			assertThat(DockerCompose.environment("postgres")).as(module)
				.containsEntry(prefix + "_DB_PASSWORD", environment.get("DB_PASSWORD"))
				.containsEntry(prefix + "_DB_OWNER_PASSWORD", environment.get("DB_OWNER_PASSWORD"));
		}
	}

	@Test
	void servicesStartAfterWhatTheyNeedIsHealthyAndTheGatewayLast() {
		for (String module : Repo.SERVICES.subList(1, Repo.SERVICES.size())) {
			assertThat(Repo.map(DockerCompose.service(module).get("depends_on"))).as(module)
				.containsKeys("postgres", "kafka", "keycloak")
				.allSatisfy((name, condition) -> assertThat(Repo.map(condition).get("condition"))
					.isIn("service_healthy", "service_started"));
			assertThat(Repo.at(DockerCompose.service(module), "depends_on", "postgres").get("condition"))
				.isEqualTo("service_healthy");
		}
		Map<String, Object> gatewayDependsOn = Repo.map(DockerCompose.service("gateway").get("depends_on"));
		for (String module : Repo.SERVICES.subList(1, Repo.SERVICES.size())) {
			assertThat(Repo.map(gatewayDependsOn.get(module)).get("condition")).as(module).isEqualTo("service_healthy");
		}
	}

	@Test
	void everyServiceExportsTracesToJaegerUnderItsOwnName() {
		for (String module : Repo.SERVICES) {
			Map<String, String> environment = DockerCompose.environment(module);
			assertThat(environment).containsEntry("OTEL_SERVICE_NAME", module)
				.containsEntry("OTEL_TRACES_EXPORTER", "otlp")
				.containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://jaeger:4318");
			assertThat(environment.get("OTEL_RESOURCE_ATTRIBUTES")).contains("service.namespace=xorstack");
		}
	}

	@Test
	void keycloakImportsTheRealmTheServicesTrust() {
		List<String> volumes = Repo.list(DockerCompose.service("keycloak").get("volumes"))
			.stream()
			.map(String::valueOf)
			.toList();
		assertThat(volumes).anyMatch((volume) -> volume.contains("xorstack-realm.json"));
		assertThat(Repo.path("deploy/keycloak/xorstack-realm.json")).isRegularFile();
		for (String module : Repo.SERVICES) {
			assertThat(DockerCompose.environment(module).get("OIDC_ISSUER_URI")).endsWith("/realms/xorstack");
			assertThat(DockerCompose.environment(module).get("OIDC_JWK_SET_URI"))
				.startsWith("http://keycloak:8080/realms/xorstack/");
		}
	}

}
