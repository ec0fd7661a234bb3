package com.xorstack.devstack;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Access tokens from the realm's token endpoint, as a single-page app (password grant
 * through the public {@code xorstack-dev} client) or an edge function (client
 * credentials) gets them.
 */
public final class TokenClient {

	/** The realm's public client with direct access grants. */
	public static final String DEV_CLIENT = "xorstack-dev";

	// A token is base64url and dots: a pattern reads it without a JSON library
	private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

	private final URI tokenEndpoint;

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	/**
	 * @param issuerUri such as {@code http://127.0.0.1:8180/realms/xorstack}
	 */
	public TokenClient(String issuerUri) {
		this.tokenEndpoint = URI.create(issuerUri + "/protocol/openid-connect/token");
	}

	public String passwordToken(String username, String password) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "password");
		form.put("client_id", DEV_CLIENT);
		form.put("username", username);
		form.put("password", password);
		return token(form, username);
	}

	public String clientCredentialsToken(String clientId, String clientSecret) {
		Map<String, String> form = new LinkedHashMap<>();
		form.put("grant_type", "client_credentials");
		form.put("client_id", clientId);
		form.put("client_secret", clientSecret);
		return token(form, clientId);
	}

	private String token(Map<String, String> form, String who) {
		String body = form.entrySet()
			.stream()
			.map((entry) -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
			.collect(Collectors.joining("&"));
		HttpRequest request = HttpRequest.newBuilder(this.tokenEndpoint)
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
		HttpResponse<String> response = send(request);
		Matcher matcher = ACCESS_TOKEN.matcher(response.body());
		if (response.statusCode() != 200 || !matcher.find()) {
			throw new IllegalStateException("No token for " + who + " from " + this.tokenEndpoint + ": "
					+ response.statusCode() + " " + response.body());
		}
		return matcher.group(1);
	}

	private HttpResponse<String> send(HttpRequest request) {
		try {
			return this.client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot reach " + this.tokenEndpoint + ": " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while asking " + this.tokenEndpoint + " for a token", ex);
		}
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
