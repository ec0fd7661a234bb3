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
				Ports.free(), realm(), null)) {
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
	 * As behind an ingress: people reach Keycloak on 127.0.0.2, the services on
	 * 127.0.0.1. Tokens name the public issuer wherever they were fetched; the internal
	 * address's metadata sends browsers to the public one and services to itself; the
	 * public one refuses what only services ask for, as a container's public name would
	 * not reach, and serves the rest.
	 */
	@Test
	void servesPeopleAndServicesAtTwoAddresses() throws Exception {
		try (KeycloakServer keycloak = KeycloakServer.start(JavaRuntime.find(), Artifacts.load(), this.workDir,
				Ports.free(), realm(), "127.0.0.2")) {
			assertThat(keycloak.publicUrl()).startsWith("http://127.0.0.2:");
			String issuer = keycloak.publicUrl() + "/realms/xorstack";
			String internal = keycloak.url() + "/realms/xorstack";
			String metadata = get(internal + "/.well-known/openid-configuration");
			assertThat(metadata).contains("\"issuer\":\"" + issuer + "\"")
				.contains("\"authorization_endpoint\":\"" + issuer + "/protocol/openid-connect/auth\"")
				.contains("\"token_endpoint\":\"" + internal + "/protocol/openid-connect/token\"")
				.contains("\"jwks_uri\":\"" + internal + "/protocol/openid-connect/certs\"");
			assertThat(payload(new TokenClient(internal).passwordToken("demo-user", "demo-user")))
				.contains("\"iss\":\"" + issuer + "\"");
			// the sign-in page comes through the front door; the back channel does not
			assertThat(status(issuer + "/protocol/openid-connect/auth?client_id=xorstack-console&response_type=code"
					+ "&scope=openid&code_challenge_method=S256&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"
					+ "&redirect_uri=" + "http%3A%2F%2F127.0.0.1%3A8080%2Flogin%2Foauth2%2Fcode%2Fkeycloak"))
				.isEqualTo(200);
			assertThat(status(issuer + "/.well-known/openid-configuration")).isEqualTo(403);
			assertThat(status(issuer + "/protocol/openid-connect/certs")).isEqualTo(403);
			assertThat(status(issuer + "/protocol/openid-connect/userinfo")).isEqualTo(403);
			// outside clients (edge functions) get their tokens at the public address
			assertThat(
					payload(new TokenClient(issuer).clientCredentialsToken("edge-functions", "edge-functions-secret")))
				.contains("\"iss\":\"" + issuer + "\"");
		}
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

	private static int status(String url) throws Exception {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
			.statusCode();
	}

	private static String payload(String jwt) {
		String[] parts = jwt.split("\\.");
		assertThat(parts).hasSize(3);
		return new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
	}

}
