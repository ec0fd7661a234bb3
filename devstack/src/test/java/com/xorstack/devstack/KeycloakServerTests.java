package com.xorstack.devstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class KeycloakServerTests {

	@TempDir
	Path workDir;

	@Test
	void importsTheRealmAndIssuesTokensWithTheLoopbackIssuer() throws Exception {
		long started = System.nanoTime();
		List<ProcessHandle> processes = new ArrayList<>();
		try (KeycloakServer keycloak = KeycloakServer.start(JavaRuntime.find(), Artifacts.load(), this.workDir,
				Ports.free(), realm())) {
			System.out.printf("Keycloak ready in %d ms%n", (System.nanoTime() - started) / 1_000_000);
			ProcessHandle process = ProcessHandle.of(keycloak.pid()).orElseThrow();
			processes.add(process);
			process.descendants().forEach(processes::add);
			String issuer = keycloak.url() + "/realms/xorstack";
			assertThat(get(issuer + "/.well-known/openid-configuration")).contains("\"issuer\":\"" + issuer + "\"");

			TokenClient tokens = new TokenClient(issuer);
			String user = payload(tokens.passwordToken("demo-user", "demo-user"));
			assertThat(user).contains("\"iss\":\"" + issuer + "\"").contains("\"preferred_username\":\"demo-user\"");
			String edge = payload(tokens.clientCredentialsToken("edge-functions", "edge-functions-secret"));
			assertThat(edge).contains("\"azp\":\"edge-functions\"");
		}
		assertThat(processes).noneMatch(ProcessHandle::isAlive);
	}

	/**
	 * The realm the suite runs with, once the repository has it; a minimal one of the
	 * same shape until then.
	 */
	private static Path realm() throws Exception {
		for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
			Path realm = dir.resolve("deploy/keycloak/xorstack-realm.json");
			if (Files.isRegularFile(realm)) {
				return realm;
			}
		}
		return Path.of(KeycloakServerTests.class.getResource("test-realm.json").toURI());
	}

	private static String get(String url) throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	private static String payload(String jwt) {
		String[] parts = jwt.split("\\.");
		assertThat(parts).hasSize(3);
		return new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
	}

}
