package com.xorstack.deploy;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.xorstack.platform.events.KafkaGrant;
import com.xorstack.platform.events.TopicAccess;
import com.xorstack.platform.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Kustomize manifests against the services' real configuration and the rules:
 * ports, variables, probes, topics, secrets and who may talk to whom.
 */
class KubernetesManifestTests {

	/** Variables the Deployments set for the agent's resource attributes. */
	private static final Set<String> POD_FIELDS = Set.of("POD_NAME", "POD_NAMESPACE");

	/** Variables that must come from a Secret, never from a value in a manifest. */
	private static final Set<String> SECRET_VARIABLES = Set.of("DB_USERNAME", "DB_PASSWORD", "DB_OWNER_USERNAME",
			"DB_OWNER_PASSWORD", "KEYCLOAK_ADMIN_CLIENT_SECRET", "KAFKA_PASSWORD", "AUDIT_CHAIN_KEY", "REDIS_PASSWORD",
			"XORSTACK_CONSOLE_SESSION_KEY", "XORSTACK_CONSOLE_PREVIOUS_SESSION_KEYS");

	@Test
	void theKustomizationListsEveryManifestOfTheBase() throws IOException {
		try (Stream<java.nio.file.Path> files = Files.list(Repo.path(Kustomize.BASE))) {
			Set<String> manifests = files.map((file) -> file.getFileName().toString())
				.filter((name) -> name.endsWith(".yaml") && !name.equals("kustomization.yaml"))
				.collect(Collectors.toSet());
			assertThat(Kustomize.resourceFiles()).containsExactlyInAnyOrderElementsOf(manifests);
		}
		for (String overlay : List.of("dev", "prod")) {
			Map<String, Object> kustomization = Repo
				.yamlDocuments(Repo.read("deploy/k8s/overlays/" + overlay + "/kustomization.yaml"))
				.get(0);
			assertThat(Repo.list(kustomization.get("resources"))).as(overlay).containsExactly("../../base");
		}
	}

	@Test
	void deploymentsListenAndAreProbedWhereTheServicesDo() {
		for (String module : Repo.SERVICES) {
			Map<String, Map<String, Object>> env = Kustomize.env(module);
			int port = ServiceConfiguration.of(module).defaultPort();
			assertThat(env.get("SERVER_PORT").get("value")).as(module).isEqualTo(String.valueOf(port));
			assertThat(Kustomize.containerPort(module, "http")).as(module).isEqualTo(port);
			assertThat(Kustomize.containerPort(module, "management")).as(module)
				.isEqualTo(Integer.parseInt(String.valueOf(env.get("MANAGEMENT_PORT").get("value"))))
				.isNotEqualTo(port);
			Map<String, Object> container = Kustomize.container(module);
			assertThat(Repo.at(container, "livenessProbe", "httpGet"))
				.containsEntry("path", "/actuator/health/liveness")
				.containsEntry("port", "management");
			assertThat(Repo.at(container, "readinessProbe", "httpGet"))
				.containsEntry("path", "/actuator/health/readiness")
				.containsEntry("port", "management");
			assertThat(Repo.at(container, "startupProbe", "httpGet")).containsEntry("port", "management");
			assertThat(Repo.at(container, "resources", "requests")).containsKeys("cpu", "memory");
			assertThat(Repo.at(container, "resources", "limits")).containsKey("memory");
		}
	}

	@Test
	void deploymentsSetOnlyVariablesTheServicesReadAndEveryLoopbackDefault() {
		Set<String> shared = Repo.at(Kustomize.get("ConfigMap", "xorstack-config"), "data").keySet();
		for (String module : Repo.SERVICES) {
			ServiceConfiguration configuration = ServiceConfiguration.of(module);
			Set<String> names = Kustomize.env(module).keySet();
			assertThat(names).as(module)
				.allMatch((name) -> configuration.reads(name) || POD_FIELDS.contains(name), "read by " + module);
			assertThat(shared).as("shared configuration").allMatch(configuration::reads, "read by " + module);
			List<String> all = new ArrayList<>(names);
			all.addAll(shared);
			assertThat(all).as(module).containsAll(configuration.loopbackDefaults());
		}
	}

	@Test
	void secretsAreReferencedNeverInlined() {
		assertThat(Kustomize.ofKind("Secret")).isEmpty();
		for (String module : Repo.SERVICES) {
			Kustomize.env(module).forEach((name, entry) -> {
				if (SECRET_VARIABLES.contains(name)) {
					assertThat(entry).as("%s of %s", name, module).doesNotContainKey("value");
					assertThat(Repo.at(entry, "valueFrom", "secretKeyRef")).as("%s of %s", name, module)
						.containsKeys("name", "key");
				}
			});
		}
	}

	@Test
	void redisHasNoDefaultUserAndTheGatewaySignsInWithThePasswordOfTheSameSecret() {
		Map<String, Object> redis = Kustomize.container("redis");
		String command = String.join(" ", Repo.list(redis.get("args")).stream().map(String::valueOf).toList());
		assertThat(command)
			.contains("user default off\\n", "user gateway on >%s", "\"$REDIS_PASSWORD\"", "--aclfile /tmp/users.acl",
					"--save ''")
			.doesNotContain("nopass", "requirepass");
		DockerComposeTests.assertAclAllowsOnlyTheGatewaysKeysAndCommands(command);
		assertThat(String.valueOf(Repo.at(redis, "readinessProbe", "exec").get("command"))).contains("--user gateway");

		Map<String, Object> redisPassword = Repo.at(Kustomize.env("redis").get("REDIS_PASSWORD"), "valueFrom",
				"secretKeyRef");
		Map<String, Map<String, Object>> gateway = Kustomize.env("gateway");
		assertThat(redisPassword).containsEntry("name", "xorstack-redis").containsEntry("key", "password");
		assertThat(Repo.at(gateway.get("REDIS_PASSWORD"), "valueFrom", "secretKeyRef")).isEqualTo(redisPassword);
		assertThat(gateway.get("REDIS_USERNAME")).containsEntry("value", "gateway");
		assertThat(Repo.at(gateway.get("XORSTACK_CONSOLE_SESSION_KEY"), "valueFrom", "secretKeyRef"))
			.containsEntry("name", "xorstack-console-session")
			.containsEntry("key", "key")
			.doesNotContainKey("optional");
		assertThat(Repo.at(gateway.get("XORSTACK_CONSOLE_PREVIOUS_SESSION_KEYS"), "valueFrom", "secretKeyRef"))
			.containsEntry("name", "xorstack-console-session")
			.containsEntry("optional", true);
	}

	@Test
	void servicesRouteToEachOtherThroughTheirServicePorts() {
		for (String module : Repo.SERVICES) {
			Map<String, Object> service = Kustomize.get("Service", module);
			assertThat(Repo.list(Repo.at(service, "spec").get("ports"))).as(module)
				.anySatisfy((port) -> assertThat(Repo.map(port)).containsEntry("port",
						ServiceConfiguration.of(module).defaultPort()));
		}
		Map<String, Map<String, Object>> gateway = Kustomize.env("gateway");
		for (String module : Repo.SERVICES.subList(1, Repo.SERVICES.size())) {
			String variable = module.replace("-service", "").toUpperCase() + "_SERVICE_URI";
			assertThat(gateway.get(variable).get("value")).as(variable)
				.isEqualTo("http://" + module + ":" + ServiceConfiguration.of(module).defaultPort());
		}
	}

	@Test
	void everyDeploymentScalesAndSurvivesDisruptions() {
		for (String module : Repo.SERVICES) {
			Map<String, Object> autoscaler = Kustomize.get("HorizontalPodAutoscaler", module);
			assertThat(Repo.at(autoscaler, "spec", "scaleTargetRef")).containsEntry("kind", "Deployment")
				.containsEntry("name", module);
			Map<String, Object> budget = Kustomize.get("PodDisruptionBudget", module);
			assertThat(Repo.at(budget, "spec", "selector", "matchLabels"))
				.isEqualTo(Repo.at(Kustomize.get("Deployment", module), "spec", "selector", "matchLabels"));
		}
	}

	@Test
	void everyTopicAndItsDeadLetterTopicIsReplicatedThreeTimes() throws IllegalAccessException {
		Map<String, Map<String, Object>> topics = Kustomize.ofKind("KafkaTopic")
			.stream()
			.collect(Collectors.toMap((topic) -> String.valueOf(Repo.at(topic, "spec").get("topicName")),
					(topic) -> Repo.at(topic, "spec")));
		List<String> expected = new ArrayList<>();
		for (Field field : Topics.class.getFields()) {
			if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class) {
				String topic = (String) field.get(null);
				expected.add(topic);
				if (TopicAccess.of(topic)
					.orElseThrow(() -> new AssertionError(topic + " is not in TopicAccess"))
					.deadLettered()) {
					expected.add(Topics.deadLetter(topic));
				}
			}
		}
		assertThat(topics.keySet()).containsExactlyInAnyOrderElementsOf(expected);
		topics.forEach((name, spec) -> {
			assertThat(spec).as(name).containsEntry("replicas", 3);
			assertThat(((Number) spec.get("partitions")).intValue()).as(name).isPositive();
			assertThat(Repo.map(spec.get("config"))).as(name).containsEntry("min.insync.replicas", 2);
		});
		Map<String, Object> kafka = Kustomize.get("Kafka", "xorstack");
		assertThat(Repo.at(kafka, "spec", "kafka", "config")).containsEntry("min.insync.replicas", 2)
			.containsEntry("auto.create.topics.enable", false);
	}

	@Test
	void everyKafkaClientSignsInAsItsOwnUserWithTheAclsOfTopicAccess() {
		List<Object> listeners = Repo
			.list(Repo.at(Kustomize.get("Kafka", "xorstack"), "spec", "kafka").get("listeners"));
		assertThat(listeners).isNotEmpty()
			.allSatisfy((listener) -> assertThat(Repo.at(Repo.map(listener), "authentication")).containsEntry("type",
					"scram-sha-512"));
		assertThat(Repo.at(Kustomize.get("Kafka", "xorstack"), "spec", "kafka", "authorization")).containsEntry("type",
				"simple");
		assertThat(Repo.at(Kustomize.get("Kafka", "xorstack"), "spec", "entityOperator")).containsKey("userOperator");
		Set<String> granted = new java.util.HashSet<>();
		for (Map<String, Object> user : Kustomize.ofKind("KafkaUser")) {
			String name = String.valueOf(Repo.at(user, "metadata").get("name"));
			assertThat(Repo.at(user, "spec", "authentication")).as(name).containsEntry("type", "scram-sha-512");
			for (Object entry : Repo.list(Repo.at(user, "spec", "authorization").get("acls"))) {
				Map<String, Object> resource = Repo.at(Repo.map(entry), "resource");
				for (Object operation : Repo.list(Repo.map(entry).get("operations"))) {
					granted.add(new KafkaGrant(name, String.valueOf(resource.get("type")),
							// Strimzi's names: literal or prefix
							String.valueOf(resource.get("name")), "prefix".equals(resource.get("patternType")),
							String.valueOf(operation))
						.toString());
				}
			}
		}
		assertThat(granted)
			.containsExactlyInAnyOrderElementsOf(TopicAccess.grants().stream().map(KafkaGrant::toString).toList());
		for (String module : Repo.SERVICES) {
			Map<String, Map<String, Object>> env = Kustomize.env(module);
			assertThat(env.get("KAFKA_USERNAME")).as(module).containsEntry("value", module);
			assertThat(Repo.at(env.get("KAFKA_PASSWORD"), "valueFrom", "secretKeyRef")).as(module)
				.containsEntry("name", module)
				.containsEntry("key", "password");
		}
	}

	@Test
	void onlyTheGatewayIsReachableFromOutsideAndServicesOnlyFromTheGateway() {
		for (String module : Repo.SERVICES) {
			Map<String, Object> policy = Kustomize.get("NetworkPolicy", module);
			List<Object> ingress = Repo.list(Repo.at(policy, "spec").get("ingress"));
			int port = ServiceConfiguration.of(module).defaultPort();
			for (Object rule : ingress) {
				List<Object> ports = Repo.list(Repo.map(rule).get("ports"));
				boolean apiPort = ports.stream().anyMatch((p) -> Repo.map(p).get("port").equals(port));
				List<Map<String, Object>> from = Repo.list(Repo.map(rule).get("from")).stream().map(Repo::map).toList();
				if (apiPort && module.equals("gateway")) {
					assertThat(from).allSatisfy((peer) -> assertThat(peer).containsKey("namespaceSelector"));
				}
				else if (apiPort) {
					assertThat(from).as(module)
						.allSatisfy((peer) -> assertThat(Repo.at(peer, "podSelector", "matchLabels"))
							.containsEntry("app.kubernetes.io/name", "gateway"));
				}
				else {
					assertThat(from).as(module + ": only monitoring reaches the management port")
						.allSatisfy((peer) -> assertThat(Repo.at(peer, "namespaceSelector", "matchLabels"))
							.containsEntry("kubernetes.io/metadata.name", "monitoring"));
				}
			}
			String egress = String.valueOf(Repo.at(policy, "spec").get("egress"));
			assertThat(egress).as(module).contains("strimzi.io/cluster=xorstack", "xorstack-keycloak");
			if (ServiceConfiguration.of(module).database() != null) {
				assertThat(egress).as(module).contains("cnpg.io/cluster=xorstack-pg");
			}
		}
		assertThat(Kustomize.find("NetworkPolicy", "default-deny")).isPresent();
	}

	@Test
	void eachServiceRunsAsItsRuntimeRoleAndMigratesAsItsDatabasesOwner() {
		Map<String, Object> cluster = Repo.at(Kustomize.get("Cluster", "xorstack-pg"), "spec");
		Map<String, Object> initdb = Repo.at(cluster, "bootstrap", "initdb");
		Map<String, String> roleSecrets = new java.util.HashMap<>();
		roleSecrets.put(String.valueOf(initdb.get("owner")), String.valueOf(Repo.at(initdb, "secret").get("name")));
		for (Object entry : Repo.list(Repo.at(cluster, "managed").get("roles"))) {
			Map<String, Object> role = Repo.map(entry);
			assertThat(role.get("superuser")).as(role.get("name") + " is no superuser").isNotEqualTo(true);
			roleSecrets.put(String.valueOf(role.get("name")),
					String.valueOf(Repo.at(role, "passwordSecret").get("name")));
		}
		Map<String, String> databaseOwners = Kustomize.ofKind("Database")
			.stream()
			.collect(Collectors.toMap((database) -> String.valueOf(Repo.at(database, "spec").get("name")),
					(database) -> String.valueOf(Repo.at(database, "spec").get("owner"))));
		databaseOwners.put(String.valueOf(initdb.get("database")), String.valueOf(initdb.get("owner")));
		for (String module : Repo.SERVICES.subList(1, Repo.SERVICES.size())) {
			String database = ServiceConfiguration.of(module).database();
			assertThat(ServiceConfiguration.of(module).reads("DB_OWNER_USERNAME")).as(module).isTrue();
			String runtimeSecret = secretOf(module, "DB_USERNAME");
			String ownerSecret = secretOf(module, "DB_OWNER_USERNAME");
			assertThat(secretOf(module, "DB_PASSWORD")).as(module).isEqualTo(runtimeSecret);
			assertThat(secretOf(module, "DB_OWNER_PASSWORD")).as(module).isEqualTo(ownerSecret);
			assertThat(runtimeSecret).as(module).isNotEqualTo(ownerSecret).doesNotContain("superuser");
			assertThat(ownerSecret).as(module).doesNotContain("superuser");
			// the Secrets are the ones CloudNativePG sets the two roles' passwords from
			assertThat(roleSecrets).as(module)
				.containsEntry(database + "_app", runtimeSecret)
				.containsEntry(database + "_owner", ownerSecret);
			assertThat(databaseOwners).as(module).containsEntry(database, database + "_owner");
		}
	}

	private static String secretOf(String module, String variable) {
		return String.valueOf(Repo.at(Kustomize.env(module).get(variable), "valueFrom", "secretKeyRef").get("name"));
	}

	@Test
	void theDatabasesAreTheOnesTheServicesName() {
		Set<String> databases = Kustomize.ofKind("Database")
			.stream()
			.map((database) -> String.valueOf(Repo.at(database, "spec").get("name")))
			.collect(Collectors.toSet());
		databases.add(String
			.valueOf(Repo.at(Kustomize.get("Cluster", "xorstack-pg"), "spec", "bootstrap", "initdb").get("database")));
		for (String module : Repo.SERVICES.subList(1, Repo.SERVICES.size())) {
			String database = ServiceConfiguration.of(module).database();
			assertThat(databases).as(module).contains(database);
			assertThat(Kustomize.env(module).get("DB_R2DBC_URL").get("value")).as(module)
				.isEqualTo("r2dbc:postgresql://xorstack-pg-rw:5432/" + database);
		}
	}

}
