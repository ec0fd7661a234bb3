package com.xorstack.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/**
 * Lets the console client of a running devstack Keycloak send people back to one more
 * gateway. The realm names exact redirect URIs (port 8080 of a local run); a test's
 * gateway on a free port is added here, through the admin API, rather than the realm
 * allowing any port to everyone who can reach Keycloak.
 * <p>
 * Keycloak updates only the fields a client representation names, so the update is sent
 * without reading the whole client into a JSON library (the devstack has none at run
 * time).
 */
final class KeycloakConsoleClient {

	static final String CLIENT_ID = "xorstack-console";

	/** The registration the gateway signs people in with (its redirect path). */
	private static final String CALLBACK = "/login/oauth2/code/keycloak";

	private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

	private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");

	private static final Pattern REDIRECT_URIS = Pattern.compile("\"redirectUris\"\\s*:\\s*\\[([^\\]]*)]");

	private static final Pattern POST_LOGOUT = Pattern
		.compile("\"post\\.logout\\.redirect\\.uris\"\\s*:\\s*\"([^\"]*)\"");

	private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final String keycloak;

	private final String realm;

	/**
	 * @param keycloak Keycloak's internal address, whose {@code master} realm has the
	 * development administrator
	 */
	KeycloakConsoleClient(String keycloak, String realm) {
		this.keycloak = keycloak;
		this.realm = realm;
	}

	/**
	 * Adds {@code gateway + /login/oauth2/code/keycloak} to the redirect URIs and
	 * {@code gateway + /admin/} to the post-logout ones.
	 */
	void allow(String gateway) {
		String base = gateway.endsWith("/") ? gateway.substring(0, gateway.length() - 1) : gateway;
		String token = adminToken();
		String clients = "/admin/realms/" + this.realm + "/clients";
		String found = send(token, HttpRequest.newBuilder(uri(clients + "?clientId=" + CLIENT_ID)).GET());
		Matcher id = ID.matcher(found);
		if (!id.find()) {
			throw new DevStackException("No client " + CLIENT_ID + " in realm " + this.realm + ": " + found);
		}
		Set<String> redirects = strings(REDIRECT_URIS.matcher(found));
		redirects.add(base + CALLBACK);
		Matcher logout = POST_LOGOUT.matcher(found);
		Set<String> logouts = new LinkedHashSet<>();
		if (logout.find() && !logout.group(1).isEmpty()) {
			logouts.addAll(Set.of(logout.group(1).split("##")));
		}
		logouts.add(base + "/admin/");
		String update = "{\"redirectUris\":["
				+ redirects.stream().map(KeycloakConsoleClient::quote).collect(Collectors.joining(","))
				+ "],\"attributes\":{\"post.logout.redirect.uris\":" + quote(String.join("##", logouts)) + "}}";
		send(token,
				HttpRequest.newBuilder(uri(clients + "/" + id.group(1)))
					.header("Content-Type", "application/json")
					.PUT(HttpRequest.BodyPublishers.ofString(update)));
	}

	private String adminToken() {
		String form = "grant_type=password&client_id=admin-cli&username=" + encode(KeycloakServer.ADMIN) + "&password="
				+ encode(KeycloakServer.ADMIN_PASSWORD);
		String answer = send(null,
				HttpRequest.newBuilder(uri("/realms/master/protocol/openid-connect/token"))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString(form)));
		Matcher token = ACCESS_TOKEN.matcher(answer);
		if (!token.find()) {
			throw new DevStackException("Keycloak's administrator got no token: " + answer);
		}
		return token.group(1);
	}

	private String send(@Nullable String token, HttpRequest.Builder request) {
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		HttpRequest built = request.timeout(TIMEOUT).build();
		try {
			HttpResponse<String> response = this.http.send(built, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() / 100 != 2) {
				throw new DevStackException("Keycloak answered " + response.statusCode() + " to " + built.method() + " "
						+ built.uri() + ": " + response.body());
			}
			return response.body();
		}
		catch (IOException ex) {
			throw new DevStackException("Cannot reach Keycloak at " + built.uri() + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DevStackException("Interrupted while calling Keycloak", ex);
		}
	}

	private static Set<String> strings(Matcher array) {
		Set<String> values = new LinkedHashSet<>();
		if (array.find()) {
			Matcher string = STRING.matcher(array.group(1));
			while (string.find()) {
				values.add(string.group(1).replace("\\/", "/"));
			}
		}
		return values;
	}

	private static String quote(String value) {
		return "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
	}

	private URI uri(String path) {
		return URI.create(this.keycloak + path);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
