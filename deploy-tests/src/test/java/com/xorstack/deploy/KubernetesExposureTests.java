package com.xorstack.deploy;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the rendered overlays meet the outside: public routes and the issuer they imply,
 * the egress alert notifications need, and monitoring through the Prometheus Operator.
 */
class KubernetesExposureTests {

	@Test
	void theGatewayAndKeycloakHaveRoutesOnTheHostnamesTheConfigurationNames() {
		for (String overlay : Overlays.ALL) {
			Map<String, String> gateway = Overlays.environment(overlay, "gateway");
			String issuer = gateway.get("OIDC_ISSUER_URI");
			Map<String, Object> keycloak = Overlays.get(overlay, "Keycloak", "xorstack-keycloak");
			String keycloakService = Overlays.name(keycloak) + "-service";
			String keycloakHost = URI.create(String.valueOf(Repo.at(keycloak, "spec", "hostname").get("hostname")))
				.getHost();
			assertThat(URI.create(issuer).getHost()).as(overlay + ": the issuer is Keycloak's public hostname")
				.isEqualTo(keycloakHost);
			assertThat(routeHostnames(overlay, keycloakService, 8080)).as(overlay).containsExactly(keycloakHost);
			assertThat(routeHostnames(overlay, "gateway", 8080)).as(overlay)
				.containsExactly(URI.create(gateway.get("XORSTACK_PUBLIC_URL")).getHost());
			// token, JWKS and userinfo calls stay inside the cluster
			assertThat(gateway.get("OIDC_INTERNAL_URI")).as(overlay)
				.isEqualTo("http://" + keycloakService + ":8080/realms/xorstack")
				.isNotEqualTo(issuer);
			for (String module : Repo.SERVICES) {
				assertThat(Overlays.environment(overlay, module)).as(overlay + " " + module)
					.containsEntry("OIDC_ISSUER_URI", issuer)
					.containsEntry("OIDC_INTERNAL_URI", gateway.get("OIDC_INTERNAL_URI"));
			}
			Map<String, Object> console = Repo
				.map(Repo.list(Repo.at(Overlays.get(overlay, "KeycloakRealmImport", "xorstack-realm"), "spec", "realm")
					.get("clients")).get(0));
			assertThat(String.valueOf(console.get("redirectUris"))).as(overlay)
				.contains(gateway.get("XORSTACK_PUBLIC_URL") + "/");
		}
	}

	private static List<String> routeHostnames(String overlay, String service, int port) {
		return Overlays.ofKind(overlay, "HTTPRoute")
			.stream()
			.filter((route) -> String.valueOf(Repo.at(route, "spec").get("rules")).contains("name=" + service + ", "))
			.filter((route) -> String.valueOf(Repo.at(route, "spec").get("rules")).contains("port=" + port))
			.flatMap((route) -> Repo.list(Repo.at(route, "spec").get("hostnames")).stream().map(String::valueOf))
			.toList();
	}

	@Test
	void nothingAssumesIngressNginx() {
		for (String overlay : Overlays.ALL) {
			assertThat(Overlays.ofKind(overlay, "Ingress")).as(overlay).isEmpty();
			assertThat(String.valueOf(Overlays.render(overlay))).as(overlay).doesNotContain("ingress-nginx");
		}
	}

	@Test
	void metricsServiceReachesMailRelaysAndWebhookReceiversOutsideTheCluster() {
		for (String overlay : Overlays.ALL) {
			Map<String, Object> pod = Repo.at(Overlays.get(overlay, "Deployment", "metrics-service"), "spec",
					"template", "metadata", "labels");
			int smtpPort = Integer.parseInt(Overlays.environment(overlay, "metrics-service").get("SMTP_PORT"));
			List<Map<String, Object>> egress = Overlays.ofKind(overlay, "NetworkPolicy")
				.stream()
				.filter((policy) -> LabelSelectors.matches(Repo.at(policy, "spec", "podSelector"), pod))
				.flatMap((policy) -> Repo.list(Repo.at(policy, "spec").get("egress")).stream().map(Repo::map))
				.filter((rule) -> Repo.list(rule.get("to"))
					.stream()
					.anyMatch((peer) -> "0.0.0.0/0".equals(Repo.at(Repo.map(peer), "ipBlock").get("cidr"))))
				.toList();
			List<Object> ports = egress.stream()
				.flatMap((rule) -> Repo.list(rule.get("ports")).stream())
				.map((port) -> Repo.map(port).get("port"))
				.toList();
			assertThat(ports).as(overlay).contains(smtpPort, 443);
		}
	}

	@Test
	void prometheusOperatorScrapesEveryServiceAndEvaluatesTheComposeRules() {
		for (String overlay : Overlays.ALL) {
			Map<String, Object> monitor = Overlays.get(overlay, "ServiceMonitor", "xorstack-services");
			assertThat(String.valueOf(Repo.at(monitor, "spec").get("endpoints"))).contains("port=management",
					"path=/actuator/prometheus");
			for (String module : Repo.SERVICES) {
				Map<String, Object> service = Overlays.get(overlay, "Service", module);
				assertThat(LabelSelectors.matches(Repo.at(monitor, "spec", "selector"),
						Repo.at(service, "metadata", "labels")))
					.as(overlay + " " + module)
					.isTrue();
				assertThat(String.valueOf(Repo.at(service, "spec").get("ports"))).contains("name=management");
				assertThat(Repo.at(Overlays.get(overlay, "Deployment", module), "spec", "template", "metadata",
						"annotations"))
					.as("the operator ignores prometheus.io annotations")
					.doesNotContainKeys("prometheus.io/scrape");
			}
			Map<String, Object> rules = Overlays.get(overlay, "PrometheusRule", "xorstack-alerts");
			Map<String, Object> composeRules = Repo.yamlDocuments(Repo.read("deploy/prometheus/alert-rules.yml"))
				.get(0);
			assertThat(Repo.at(rules, "spec").get("groups")).isEqualTo(composeRules.get("groups"));
			assertThat(String.valueOf(composeRules)).doesNotContain("job=\"xorstack\"");
			assertThat(Repo
				.list(Repo.at(Overlays.get(overlay, "AlertmanagerConfig", "xorstack-alerts"), "spec").get("receivers")))
				.as(overlay)
				.isNotEmpty();
		}
	}

}
