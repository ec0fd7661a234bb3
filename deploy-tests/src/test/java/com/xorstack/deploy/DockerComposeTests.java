package com.xorstack.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.xorstack.platform.events.KafkaGrant;
import com.xorstack.platform.events.KafkaPrincipals;
import com.xorstack.platform.events.TopicAccess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

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
	void kafkaAuthenticatesEveryClientAndTheSetupAppliesTheAclsOfTopicAccess() {
		assertThat(String.valueOf(DockerCompose.service("kafka").get("entrypoint")))
			.contains("/etc/xorstack/kafka/compose-broker.sh");
		String broker = Repo.read("deploy/kafka/compose-broker.sh");
		assertThat(broker).contains("listeners=SASL_PLAINTEXT://:9092,EXTERNAL://:9094,CONTROLLER://localhost:9093")
			.contains("listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,EXTERNAL:SASL_PLAINTEXT,"
					+ "CONTROLLER:SASL_PLAINTEXT")
			.contains("allow.everyone.if.no.acl.found=false")
			.contains("super.users=User:admin")
			.doesNotContain("PLAINTEXT:PLAINTEXT");
		Map<String, List<String>> lines = new TreeMap<>();
		for (KafkaGrant grant : TopicAccess.grants()) {
			lines
				.computeIfAbsent(grant.principal() + " " + grant.resource() + " "
						+ (grant.prefixed() ? "prefixed" : "literal") + " " + grant.name(), (key) -> new ArrayList<>())
				.add(grant.operation());
		}
		List<String> expected = lines.entrySet()
			.stream()
			.map((line) -> line.getKey() + " " + String.join(",", line.getValue()))
			.toList();
		List<String> actual = Repo.read("deploy/kafka/acls.txt")
			.lines()
			.filter((line) -> !line.isBlank() && !line.startsWith("#"))
			.map((line) -> String.join(" ", line.strip().split("\\s+")))
			.sorted()
			.toList();
		assertThat(actual).as("deploy/kafka/acls.txt, which should read:%n%s", String.join("\n", expected))
			.isEqualTo(expected);
		Map<String, String> setup = DockerCompose.environment("kafka-setup");
		for (String principal : KafkaPrincipals.ALL) {
			assertThat(setup).containsKey("KAFKA_PASSWORD_" + principal.toUpperCase(Locale.ROOT).replace('-', '_'));
		}
		for (String module : Repo.SERVICES) {
			Map<String, String> environment = DockerCompose.environment(module);
			assertThat(environment).as(module)
				.containsEntry("KAFKA_USERNAME", module)
				.containsEntry("KAFKA_PASSWORD",
						setup.get("KAFKA_PASSWORD_" + module.toUpperCase(Locale.ROOT).replace('-', '_')));
			assertThat(Repo.map(DockerCompose.service(module).get("depends_on"))).as(module).containsKey("kafka-setup");
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
	void redisHasNoDefaultUserAndTheGatewaySignsInWithTheRequiredPassword() {
		Map<String, Object> redis = DockerCompose.service("redis");
		String command = String.join(" ", Repo.list(redis.get("command")).stream().map(String::valueOf).toList());
		// docker-compose config prints $$ (a literal $ for the container's shell) as it
		// was written
		assertThat(command)
			.contains("user default off\\n", "user gateway on >%s", "\"$$REDIS_PASSWORD\"", "--aclfile /tmp/users.acl",
					"--save ''")
			.doesNotContain("nopass", "requirepass", DockerCompose.REQUIRED_SECRETS.get("REDIS_PASSWORD"));
		assertAclAllowsOnlyTheGatewaysKeysAndCommands(command);
		assertThat(DockerCompose.environment("redis")).containsEntry("REDIS_PASSWORD",
				DockerCompose.REQUIRED_SECRETS.get("REDIS_PASSWORD"));
		String healthCheck = String.join(" ",
				Repo.list(Repo.at(redis, "healthcheck").get("test")).stream().map(String::valueOf).toList());
		assertThat(healthCheck).contains("--user gateway", "REDISCLI_AUTH=\"$$REDIS_PASSWORD\"");

		assertThat(DockerCompose.environment("gateway")).containsEntry("REDIS_USERNAME", "gateway")
			.containsEntry("REDIS_PASSWORD", DockerCompose.REQUIRED_SECRETS.get("REDIS_PASSWORD"))
			.containsEntry("XORSTACK_CONSOLE_SESSION_KEY",
					DockerCompose.REQUIRED_SECRETS.get("XORSTACK_CONSOLE_SESSION_KEY"));
	}

	/** The devstack's ACL and the Kubernetes one are checked against the same rules. */
	static void assertAclAllowsOnlyTheGatewaysKeysAndCommands(String acl) {
		Matcher rules = Pattern.compile("'(~xorstack:console:\\* [^']*)'").matcher(acl);
		assertThat(rules.find()).as(acl).isTrue();
		List<String> tokens = List.of(rules.group(1).split(" "));
		assertThat(tokens).startsWith("~xorstack:console:*", "~xorstack:rate:*", "resetchannels", "-@all")
			.contains("+hgetall", "+hset", "+rename", "+del", "+evalsha", "+eval")
			.allMatch((token) -> token.startsWith("~xorstack:") || token.equals("resetchannels")
					|| token.equals("-@all") || token.matches("\\+[a-z]+"), "a key pattern or one command")
			.doesNotContain("+flushall", "+flushdb", "+config", "+keys", "+debug", "+acl", "+shutdown", "+monitor");
	}

	@Test
	void withoutAnyOfItsSecretsComposeRefusesToStartNamingIt() {
		for (String missing : DockerCompose.REQUIRED_SECRETS.keySet()) {
			Map<String, String> environment = new java.util.HashMap<>(DockerCompose.REQUIRED_SECRETS);
			environment.remove(missing);
			assertThatExceptionOfType(AssertionError.class).as(missing)
				.isThrownBy(() -> DockerCompose.config(environment))
				.withMessageContaining(missing)
				.withMessageContaining("openssl rand -base64 32");
		}
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
				.containsKeys("postgres", "kafka-setup", "keycloak")
				.allSatisfy((name, condition) -> assertThat(Repo.map(condition).get("condition"))
					.isIn("service_healthy", "service_started", "service_completed_successfully"));
			assertThat(Repo.at(DockerCompose.service(module), "depends_on", "postgres").get("condition"))
				.isEqualTo("service_healthy");
		}
		Map<String, Object> gatewayDependsOn = Repo.map(DockerCompose.service("gateway").get("depends_on"));
		for (String module : Repo.SERVICES.subList(1, Repo.SERVICES.size())) {
			assertThat(Repo.map(gatewayDependsOn.get(module)).get("condition")).as(module).isEqualTo("service_healthy");
		}
	}

	@Test
	void everyServiceExportsTracesToTheCollectorUnderItsOwnName() {
		for (String module : Repo.SERVICES) {
			Map<String, String> environment = DockerCompose.environment(module);
			assertThat(environment).containsEntry("OTEL_SERVICE_NAME", module)
				.containsEntry("OTEL_TRACES_EXPORTER", "otlp")
				.containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector:4318");
			assertThat(environment.get("OTEL_RESOURCE_ATTRIBUTES")).contains("service.namespace=xorstack");
		}
	}

	@Test
	void keycloakImportsTheRealmTheServicesTrust() {
		List<String> volumes = Repo.list(DockerCompose.service("keycloak").get("volumes"))
			.stream()
			.map(String::valueOf)
			.toList();
		assertThat(volumes).anyMatch((volume) -> volume.endsWith(
				"deploy/keycloak/production/xorstack-realm.json:/opt/keycloak/data/import/xorstack-realm.json:ro"));
		assertThat(Repo.path("deploy/keycloak/production/xorstack-realm.json")).isRegularFile();
		for (String module : Repo.SERVICES) {
			assertThat(DockerCompose.environment(module).get("OIDC_ISSUER_URI")).endsWith("/realms/xorstack");
			assertThat(DockerCompose.environment(module).get("OIDC_JWK_SET_URI"))
				.startsWith("http://keycloak:8080/realms/xorstack/");
		}
	}

}
