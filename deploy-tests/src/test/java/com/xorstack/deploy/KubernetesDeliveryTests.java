package com.xorstack.deploy;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the rendered overlays run and need: the images build-push.sh makes, the JVM and
 * trace settings the benchmarks back, disruption budgets, and documented Secrets.
 */
class KubernetesDeliveryTests {

	private static final String REGISTRY = "registry.xorstack.example";

	@Test
	void overlaysRunTheImagesBuildPushMakesTaggedWithTheProjectVersion() {
		Matcher version = Pattern.compile("</parent>.*?\\n\\t<version>([^<]+)</version>", Pattern.DOTALL)
			.matcher(Repo.read("pom.xml"));
		assertThat(version.find()).isTrue();
		Map<String, String> tags = Map.of("dev", version.group(1), "prod", version.group(1).replace("-SNAPSHOT", ""));
		for (String overlay : Overlays.ALL) {
			for (String module : Repo.SERVICES) {
				Map<String, Object> container = Repo
					.map(Repo.list(Repo.at(Overlays.get(overlay, "Deployment", module), "spec", "template", "spec")
						.get("containers")).get(0));
				assertThat(container.get("image")).as(overlay + " " + module)
					.isEqualTo(REGISTRY + "/xorstack/" + module + ":" + tags.get(overlay));
			}
		}
		String script = Repo.read("deploy/images/build-push.sh");
		assertThat(script).contains("REGISTRY=\"${REGISTRY:-" + REGISTRY + "}\"",
				"image=\"${REGISTRY}/xorstack/${module}:${TAG}\"", "--build-arg MODULE=\"${module}\"");
		for (String module : Repo.SERVICES) {
			assertThat(script).contains(module);
		}
	}

	@Test
	void imagesRunOnTheJdkOfTheBenchmarks() {
		assertThat(Repo.read("docs/BENCHMARKS.md")).contains("JDK 25");
		assertThat(Repo.read("Dockerfile")).contains("ARG JDK_IMAGE=eclipse-temurin:25-jdk",
				"ARG JRE_IMAGE=eclipse-temurin:25-jre");
	}

	@Test
	void servicesSizeTheirHeapToTheContainerWithTheBenchmarkedCollectorAndSampleTraces() {
		for (String overlay : Overlays.ALL) {
			for (String module : Repo.SERVICES) {
				Map<String, String> environment = Overlays.environment(overlay, module);
				assertThat(environment.get("JAVA_TOOL_OPTIONS")).as(overlay + " " + module)
					.contains("-XX:MaxRAMPercentage=", "-XX:+UseParallelGC")
					.doesNotContain("-Xmx");
				assertThat(environment).as(overlay + " " + module)
					.containsEntry("OTEL_TRACES_SAMPLER", "parentbased_traceidratio");
				assertThat(Double.parseDouble(environment.get("OTEL_TRACES_SAMPLER_ARG"))).isStrictlyBetween(0.0, 1.0);
			}
		}
	}

	@Test
	void everyDeploymentWithMoreThanOneReplicaHasADisruptionBudgetThatLetsANodeDrain() {
		for (String overlay : Overlays.ALL) {
			for (Map<String, Object> deployment : Overlays.ofKind(overlay, "Deployment")) {
				Object replicas = Repo.at(deployment, "spec").get("replicas");
				if (replicas == null || ((Number) replicas).intValue() < 2) {
					continue;
				}
				Map<String, Object> pod = Repo.at(deployment, "spec", "template", "metadata", "labels");
				assertThat(Overlays.ofKind(overlay, "PodDisruptionBudget"))
					.as(overlay + " " + Overlays.name(deployment))
					.anySatisfy((budget) -> {
						assertThat(LabelSelectors.matches(Repo.at(budget, "spec", "selector"), pod)).isTrue();
						assertThat(((Number) Repo.at(budget, "spec").get("minAvailable")).intValue())
							.isLessThan(((Number) replicas).intValue());
					});
			}
		}
	}

	@Test
	void keycloakHasADisruptionBudgetOfItsOwn() {
		// its operator makes none (keycloak/keycloak#46354); Strimzi and CloudNativePG do
		Map<String, Object> keycloak = Overlays.get("prod", "Keycloak", "xorstack-keycloak");
		Map<String, Object> pod = Map.of("app", "keycloak", "app.kubernetes.io/instance", Overlays.name(keycloak),
				"app.kubernetes.io/managed-by", "keycloak-operator");
		assertThat(((Number) Repo.at(keycloak, "spec").get("instances")).intValue()).isGreaterThan(1);
		assertThat(Overlays.ofKind("prod", "PodDisruptionBudget")).anySatisfy(
				(budget) -> assertThat(LabelSelectors.matches(Repo.at(budget, "spec", "selector"), pod)).isTrue());
	}

	@Test
	void everySecretTheManifestsReferenceIsListedInTheReadmeAndSecretsMd() {
		String readme = Repo.read("README.md");
		String kubernetes = expandBraces(readme.substring(readme.indexOf("\n## Kubernetes")));
		kubernetes = kubernetes.substring(0, kubernetes.indexOf("\n## ", 2));
		// docs/SECRETS.md names the database Secrets once for all four databases
		String secretsMd = expandBraces(Repo.read("docs/SECRETS.md").replace("<db>", "{feedback,ailog,metrics,auth}"));
		for (String overlay : Overlays.ALL) {
			Set<String> secrets = referencedSecrets(overlay);
			assertThat(secrets).contains("xorstack-console-keycloak-client", "edge-functions-keycloak-client");
			for (String secret : secrets) {
				assertThat(kubernetes).as("README, Kubernetes, lists " + secret).contains("`" + secret + "`");
				assertThat(secretsMd).as("docs/SECRETS.md lists " + secret).contains(secret);
			}
		}
	}

	/**
	 * Secrets the manifests name but do not make: the User Operator makes each
	 * KafkaUser's, everything else is created out of band.
	 */
	private static Set<String> referencedSecrets(String overlay) {
		Set<String> secrets = new TreeSet<>();
		Matcher references = Pattern.compile(
				"(?:secretKeyRef|secretRef|secret|passwordSecret|usernameSecret|urlSecret)=\\{(?:key=[^,}]+, )?name=([a-z0-9-]+)")
			.matcher(String.valueOf(Overlays.render(overlay)));
		while (references.find()) {
			secrets.add(references.group(1));
		}
		Overlays.ofKind(overlay, "KafkaUser").forEach((user) -> secrets.remove(Overlays.name(user)));
		return secrets;
	}

	/** {@code xorstack-db-{feedback,ailog}-app} as its two names. */
	private static String expandBraces(String text) {
		Matcher brace = Pattern.compile("([a-z0-9-]*)\\{([a-z0-9,-]+)\\}([a-z0-9-]*)").matcher(text);
		StringBuilder expanded = new StringBuilder();
		while (brace.find()) {
			StringBuilder names = new StringBuilder();
			for (String part : brace.group(2).split(",")) {
				names.append("`").append(brace.group(1)).append(part).append(brace.group(3)).append("` ");
			}
			brace.appendReplacement(expanded, Matcher.quoteReplacement(names.toString()));
		}
		brace.appendTail(expanded);
		return expanded.toString();
	}

}
