package com.xorstack.deploy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keycloak in docker-compose.yml (issue #20): the production realm with its client
 * secrets from the environment, a public URL for browsers beside the internal one for the
 * services, no default administrator, a database role of its own; and the development
 * override, which swaps in the demo realm and nothing else.
 */
class DockerComposeKeycloakTests {

	private static final String IMPORT = ":/opt/keycloak/data/import/xorstack-realm.json:ro";

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)\\}");

	@Test
	void importsTheProductionRealmWithEveryPlaceholderSetFromARequiredSecret() {
		List<String> volumes = DockerCompose.volumes(DockerCompose.resolved(), "keycloak");
		assertThat(volumes).filteredOn((volume) -> volume.endsWith(IMPORT))
			.singleElement()
			.satisfies((volume) -> assertThat(volume)
				.endsWith("/deploy/keycloak/production/xorstack-realm.json" + IMPORT));
		Map<String, String> keycloak = DockerCompose.environment("keycloak");
		Matcher placeholders = PLACEHOLDER.matcher(Repo.read("deploy/keycloak/production/xorstack-realm.json"));
		int secrets = 0;
		while (placeholders.find()) {
			String name = placeholders.group(1);
			assertThat(keycloak).as("the realm's placeholder %s", name).containsKey(name);
			if (name.endsWith("_SECRET")) {
				assertThat(keycloak.get(name)).as(name).startsWith("test-");
				secrets++;
			}
		}
		assertThat(secrets).isGreaterThanOrEqualTo(3);
	}

	@Test
	void theServicesUseTheSecretsTheRealmIsImportedWith() {
		Map<String, String> keycloak = DockerCompose.environment("keycloak");
		assertThat(DockerCompose.environment("auth-service")).containsEntry("KEYCLOAK_ADMIN_CLIENT_SECRET",
				keycloak.get("AUTH_SERVICE_CLIENT_SECRET"));
		assertThat(DockerCompose.environment("gateway"))
			.containsEntry("XORSTACK_CONSOLE_CLIENT_SECRET", keycloak.get("CONSOLE_CLIENT_SECRET"))
			.containsEntry("XORSTACK_PUBLIC_URL", keycloak.get("XORSTACK_PUBLIC_URL"));
		assertThat(keycloak.get("EDGE_FUNCTIONS_CLIENT_SECRET")).isEqualTo("test-EDGE_FUNCTIONS_CLIENT_SECRET");
	}

	@Test
	void noAdministratorOrDatabasePasswordHasADefault() {
		Map<String, String> keycloak = DockerCompose.environment("keycloak");
		assertThat(keycloak).containsEntry("KC_BOOTSTRAP_ADMIN_PASSWORD", "test-KEYCLOAK_ADMIN_PASSWORD")
			.containsEntry("KC_DB_PASSWORD", "test-KEYCLOAK_DB_PASSWORD");
		assertThat(DockerCompose.environment("postgres")).containsEntry("POSTGRES_PASSWORD", "test-POSTGRES_PASSWORD");
		assertThat(DockerCompose.REQUIRED_SECRETS).containsKeys("POSTGRES_PASSWORD", "KEYCLOAK_DB_PASSWORD",
				"KEYCLOAK_ADMIN_PASSWORD", "KEYCLOAK_ADMIN_CLIENT_SECRET", "XORSTACK_CONSOLE_CLIENT_SECRET",
				"EDGE_FUNCTIONS_CLIENT_SECRET");
	}

	@Test
	void keycloakRunsAsItsOwnDatabaseRoleNotTheSuperuser() {
		Map<String, String> keycloak = DockerCompose.environment("keycloak");
		Map<String, String> postgres = DockerCompose.environment("postgres");
		assertThat(keycloak.get("KC_DB_USERNAME")).isEqualTo("keycloak").isNotEqualTo(postgres.get("POSTGRES_USER"));
		assertThat(postgres).containsEntry("KEYCLOAK_DB_PASSWORD", keycloak.get("KC_DB_PASSWORD"));
		assertThat(Repo.read("deploy/postgres/init-databases.sh"))
			.contains("create role keycloak login nosuperuser nocreatedb nocreaterole password :'password';")
			.contains("create database keycloak owner keycloak;");
	}

	/**
	 * Browsers are sent to the public URL to sign in and every token names it as issuer;
	 * the gateway and the services fetch discovery, tokens and keys inside the network.
	 */
	@Test
	void servicesTrustThePublicIssuerAndReachKeycloakInside() {
		Map<String, String> keycloak = DockerCompose.environment("keycloak");
		assertThat(keycloak).containsEntry("KC_HOSTNAME", "http://localhost:8180")
			.containsEntry("KC_HOSTNAME_BACKCHANNEL_DYNAMIC", "true");
		for (String module : Repo.SERVICES) {
			assertThat(DockerCompose.environment(module)).as(module)
				.containsEntry("OIDC_ISSUER_URI", keycloak.get("KC_HOSTNAME") + "/realms/xorstack")
				.containsEntry("OIDC_INTERNAL_URI", "http://keycloak:8080/realms/xorstack");
		}
		Map<String, String> withPublicUrl = new HashMap<>(DockerCompose.REQUIRED_SECRETS);
		withPublicUrl.put("KEYCLOAK_PUBLIC_URL", "https://id.xorstack.example");
		Map<String, Object> resolved = Repo.yamlDocuments(DockerCompose.config(withPublicUrl)).get(0);
		assertThat(DockerCompose.environment(resolved, "keycloak")).containsEntry("KC_HOSTNAME",
				"https://id.xorstack.example");
		for (String module : Repo.SERVICES) {
			assertThat(DockerCompose.environment(resolved, module)).as(module)
				.containsEntry("OIDC_ISSUER_URI", "https://id.xorstack.example/realms/xorstack")
				.containsEntry("OIDC_INTERNAL_URI", "http://keycloak:8080/realms/xorstack");
		}
	}

	@Test
	void keycloakIsPublishedOnLoopbackForTheReverseProxy() {
		assertThat(Repo.list(DockerCompose.service("keycloak").get("ports"))).map(String::valueOf)
			.singleElement()
			.satisfies((port) -> assertThat(port).startsWith("127.0.0.1:8180:8080"));
		assertThat(DockerCompose.environment("keycloak")).containsEntry("KC_PROXY_HEADERS", "xforwarded");
	}

	@Test
	void theDevelopmentOverrideSwapsInTheDemoRealmAndNothingElse() {
		Map<String, Object> development = DockerCompose.resolvedDevelopment();
		assertThat(DockerCompose.volumes(development, "keycloak")).filteredOn((volume) -> volume.endsWith(IMPORT))
			.singleElement()
			.satisfies((volume) -> assertThat(volume).endsWith("/deploy/keycloak/xorstack-realm.json" + IMPORT));
		Map<String, Object> production = DockerCompose.resolved();
		assertThat(Repo.map(development.get("services")).keySet())
			.isEqualTo(Repo.map(production.get("services")).keySet());
		for (String service : Repo.map(production.get("services")).keySet()) {
			assertThat(DockerCompose.environment(development, service)).as(service)
				.isEqualTo(DockerCompose.environment(production, service));
		}
		Map<String, Object> realm = Repo.yamlDocuments(Repo.read("deploy/keycloak/xorstack-realm.json")).get(0);
		assertThat(Repo.list(realm.get("users"))).map((user) -> Repo.map(user).get("username"))
			.contains("demo-user", "demo-admin");
	}

}
