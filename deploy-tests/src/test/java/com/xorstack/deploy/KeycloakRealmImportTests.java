package com.xorstack.deploy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The production realm import agrees with the realm the suite runs and tests against
 * (deploy/keycloak/xorstack-realm.json): the same roles, clients and mappers; no demo
 * users, no password-grant client, no secret inline.
 */
class KeycloakRealmImportTests {

	private static final Pattern PLACEHOLDER = Pattern.compile("^\\$\\{([A-Z0-9_]+)\\}$");

	private static final String TOKEN_CLIENT_FOR_DEVELOPMENT = "xorstack-dev";

	private final Map<String, Object> realm = Repo.yamlDocuments(Repo.read("deploy/keycloak/xorstack-realm.json"))
		.get(0);

	private final Map<String, Object> realmImport = Kustomize.find("KeycloakRealmImport", "xorstack-realm")
		.orElseThrow(() -> new AssertionError("No KeycloakRealmImport xorstack-realm in the Kustomize base"));

	private final Map<String, Object> imported = Repo.at(this.realmImport, "spec", "realm");

	@Test
	void importsIntoTheOperatorsKeycloak() {
		Map<String, Object> keycloak = Kustomize.find("Keycloak", "xorstack-keycloak").orElseThrow();
		assertThat(Repo.at(this.realmImport, "spec").get("keycloakCRName"))
			.isEqualTo(Repo.at(keycloak, "metadata").get("name"));
	}

	@Test
	void sameRealmRolesAndSettings() {
		assertThat(this.imported.get("realm")).isEqualTo(this.realm.get("realm"));
		assertThat(this.imported.get("roles")).isEqualTo(this.realm.get("roles"));
		Map<String, Object> settings = new HashMap<>(this.realm);
		Map<String, Object> importedSettings = new HashMap<>(this.imported);
		for (String differs : List.of("users", "clients")) {
			settings.remove(differs);
			importedSettings.remove(differs);
		}
		assertThat(importedSettings).isEqualTo(settings);
	}

	@Test
	void noDemoUsersOnlyServiceAccounts() {
		List<Object> users = Repo.list(this.imported.getOrDefault("users", List.of()));
		assertThat(users).allSatisfy((user) -> assertThat(Repo.map(user)).containsKey("serviceAccountClientId"));
		List<Object> serviceAccounts = Repo.list(this.realm.get("users"))
			.stream()
			.filter((user) -> Repo.map(user).containsKey("serviceAccountClientId"))
			.toList();
		assertThat(users).containsExactlyInAnyOrderElementsOf(serviceAccounts);
	}

	@Test
	void everyClientButTheDevelopmentOneWithSecretsFromSecrets() {
		Map<String, Map<String, Object>> local = clients(this.realm);
		Map<String, Map<String, Object>> production = clients(this.imported);
		assertThat(production).doesNotContainKey("xorstack-dev");
		assertThat(production.keySet()).containsExactlyInAnyOrderElementsOf(
				local.keySet().stream().filter((id) -> !id.equals("xorstack-dev")).toList());
		Map<String, Object> placeholders = Repo.at(this.realmImport, "spec", "placeholders");
		List<String> used = new ArrayList<>();
		production.forEach((id, client) -> {
			Map<String, Object> expected = new HashMap<>(local.get(id));
			Map<String, Object> actual = new HashMap<>(client);
			if (actual.containsKey("secret")) {
				Matcher placeholder = PLACEHOLDER.matcher(String.valueOf(actual.get("secret")));
				assertThat(placeholder.matches()).as("the secret of %s is a placeholder", id).isTrue();
				assertThat(placeholders).as("placeholder of %s", id).containsKey(placeholder.group(1));
				assertThat(Repo.at(Repo.map(placeholders.get(placeholder.group(1))), "secret")).containsKeys("name",
						"key");
				used.add(placeholder.group(1));
				actual.remove("secret");
				expected.remove("secret");
			}
			if (id.equals("xorstack-console")) {
				assertThat(Repo.list(actual.get("redirectUris")))
					.allSatisfy((uri) -> assertThat(String.valueOf(uri)).startsWith("https://"));
				for (Map<String, Object> console : List.of(actual, expected)) {
					console.remove("redirectUris");
					Map<String, Object> attributes = new HashMap<>(Repo.map(console.get("attributes")));
					attributes.remove("post.logout.redirect.uris");
					console.put("attributes", attributes);
				}
			}
			assertThat(actual).as("client %s", id).isEqualTo(expected);
		});
		assertThat(used).containsExactlyInAnyOrderElementsOf(placeholders.keySet());
	}

	/**
	 * Issue #19: a wildcard would send a sign-in's code to any path (or port) the pattern
	 * covers; the gateway's redirect_uri is exact (XORSTACK_PUBLIC_URL), so the realm's
	 * is.
	 */
	@Test
	void consoleRedirectUrisAreExact() {
		Map<String, Object> console = clients(this.imported).get("xorstack-console");
		assertThat(Repo.list(console.get("redirectUris")))
			.containsExactly("https://app.xorstack.example/login/oauth2/code/keycloak");
		assertThat(String.valueOf(Repo.map(console.get("attributes")).get("post.logout.redirect.uris")))
			.doesNotContain("*");
	}

	/**
	 * Issue #19: the development realm's console client named any port of loopback, so a
	 * program listening on another port could receive a sign-in's code. It names port
	 * 8080 alone; the devstack adds a test's gateway through the admin API.
	 */
	@Test
	void developmentConsoleRedirectUrisAreExact() {
		Map<String, Object> console = clients(this.realm).get("xorstack-console");
		assertThat(Repo.list(console.get("redirectUris"))).containsExactlyInAnyOrder(
				"http://127.0.0.1:8080/login/oauth2/code/keycloak", "http://localhost:8080/login/oauth2/code/keycloak");
		assertThat(String.valueOf(Repo.map(console.get("attributes")).get("post.logout.redirect.uris")))
			.doesNotContain("*");
	}

	/**
	 * Issue #20: the realm docker-compose imports (deploy/keycloak/production) has no
	 * demo user, only the service accounts.
	 */
	@Test
	void composeProductionRealmHasOnlyServiceAccounts() {
		List<Object> users = Repo.list(composeRealm().get("users"));
		assertThat(users).isNotEmpty()
			.allSatisfy((user) -> assertThat(Repo.map(user)).containsKey("serviceAccountClientId")
				.doesNotContainKey("credentials"));
	}

	@Test
	void composeProductionRealmHasNoPasswordGrantAndNoPublicClient() {
		Map<String, Map<String, Object>> clients = clients(composeRealm());
		assertThat(clients).doesNotContainKey(TOKEN_CLIENT_FOR_DEVELOPMENT);
		clients.forEach((id, client) -> {
			assertThat(client.get("directAccessGrantsEnabled")).as("password grant of %s", id).isEqualTo(false);
			assertThat(client.get("publicClient")).as("%s is confidential", id).isEqualTo(false);
		});
	}

	/**
	 * Keycloak's realm import replaces {@code ${NAME}} with the environment variable,
	 * which docker-compose.yml requires; the placeholders are named as the Kubernetes
	 * import's.
	 */
	@Test
	void composeProductionRealmTakesEveryClientSecretFromTheEnvironment() {
		List<String> names = new ArrayList<>();
		clients(composeRealm()).forEach((id, client) -> {
			Matcher placeholder = PLACEHOLDER.matcher(String.valueOf(client.get("secret")));
			assertThat(placeholder.matches()).as("the secret of %s is a placeholder without a default", id).isTrue();
			names.add(placeholder.group(1));
		});
		assertThat(names)
			.containsExactlyInAnyOrderElementsOf(Repo.at(this.realmImport, "spec", "placeholders").keySet());
	}

	@Test
	void composeProductionRealmSendsTheConsoleBackToThePublicUrlOnly() {
		Map<String, Object> console = clients(composeRealm()).get("xorstack-console");
		assertThat(Repo.list(console.get("redirectUris")))
			.containsExactly("${XORSTACK_PUBLIC_URL}/login/oauth2/code/keycloak");
		assertThat(Repo.map(console.get("attributes"))).containsEntry("post.logout.redirect.uris",
				"${XORSTACK_PUBLIC_URL}/admin/");
	}

	/** Everything else is the realm the suite runs and is tested with. */
	@Test
	void composeProductionRealmIsTheDevelopmentRealmWithoutWhatOnlyDevelopmentNeeds() {
		Map<String, Object> settings = new HashMap<>(this.realm);
		Map<String, Object> production = new HashMap<>(composeRealm());
		for (String differs : List.of("users", "clients")) {
			settings.remove(differs);
			production.remove(differs);
		}
		assertThat(production).isEqualTo(settings);
		Map<String, Map<String, Object>> local = clients(this.realm);
		local.remove(TOKEN_CLIENT_FOR_DEVELOPMENT);
		Map<String, Map<String, Object>> compose = clients(composeRealm());
		assertThat(compose.keySet()).isEqualTo(local.keySet());
		compose.forEach((id, client) -> {
			Map<String, Object> expected = withoutSecretAndRedirects(local.get(id));
			assertThat(withoutSecretAndRedirects(client)).as(id).isEqualTo(expected);
		});
	}

	/**
	 * The development realm reads the same variables, with its well-known secrets as
	 * defaults: the devstack sets none, docker-compose.dev.yml sets those of .env.
	 */
	@Test
	void developmentRealmSecretsFollowTheSamePlaceholdersWithDefaults() {
		Pattern withDefault = Pattern.compile("^\\$\\{([A-Z0-9_]+):[a-z-]+\\}$");
		clients(this.realm).forEach((id, client) -> {
			if (client.containsKey("secret")) {
				Matcher local = withDefault.matcher(String.valueOf(client.get("secret")));
				assertThat(local.matches()).as("the secret of %s", id).isTrue();
				assertThat(String.valueOf(clients(composeRealm()).get(id).get("secret")))
					.isEqualTo("${" + local.group(1) + "}");
			}
		});
	}

	/**
	 * auth-service lists and searches users, reads role members, and maps realm roles,
	 * which Keycloak (without fine-grained admin permissions) allows with manage-users
	 * only; it never needs to change the realm or its clients.
	 */
	@Test
	void authServiceMayManageUsersButNotTheRealm() {
		for (Map<String, Object> realm : List.of(this.realm, composeRealm(), this.imported)) {
			Map<String, Object> account = Repo.list(realm.get("users"))
				.stream()
				.map(Repo::map)
				.filter((user) -> "auth-service".equals(user.get("serviceAccountClientId")))
				.findFirst()
				.orElseThrow();
			assertThat(Repo.list(Repo.at(account, "clientRoles").get("realm-management")))
				.containsExactlyInAnyOrder("view-users", "query-users", "manage-users", "view-realm");
		}
	}

	/**
	 * The realm docker-compose.yml imports, read by the tests of it only: the others do
	 * not need it.
	 */
	private static Map<String, Object> composeRealm() {
		return Repo.yamlDocuments(Repo.read("deploy/keycloak/production/xorstack-realm.json")).get(0);
	}

	private static Map<String, Object> withoutSecretAndRedirects(Map<String, Object> client) {
		Map<String, Object> copy = new HashMap<>(client);
		copy.remove("secret");
		copy.remove("redirectUris");
		Map<String, Object> attributes = new HashMap<>(Repo.map(copy.get("attributes")));
		attributes.remove("post.logout.redirect.uris");
		copy.put("attributes", attributes);
		return copy;
	}

	private static Map<String, Map<String, Object>> clients(Map<String, Object> realm) {
		Map<String, Map<String, Object>> byId = new HashMap<>();
		for (Object client : Repo.list(realm.get("clients"))) {
			byId.put(String.valueOf(Repo.map(client).get("clientId")), Repo.map(client));
		}
		return byId;
	}

}
