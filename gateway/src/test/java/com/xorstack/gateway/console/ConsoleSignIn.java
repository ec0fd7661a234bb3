package com.xorstack.gateway.console;

import java.io.IOException;
import java.net.CookieHandler;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.xorstack.devstack.TestStack;

/**
 * A person signing in to the console the way a browser does: the gateway sends them to
 * Keycloak, they post the login form, Keycloak sends them back with a code. Keeps cookies
 * and records every redirect on the way.
 */
final class ConsoleSignIn {

	private static final Pattern FORM_ACTION = Pattern
		.compile("<form[^>]*id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

	private static final Pattern CSRF_TOKEN = Pattern.compile("\"csrfToken\"\\s*:\\s*\"([^\"]+)\"");

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	final CookieManager cookies = new CookieManager();

	// as a browser over plain HTTP: HTTP/1.1, no h2c upgrade
	final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.cookieHandler(new LoopbackAsSecure(this.cookies))
		.followRedirects(HttpClient.Redirect.NEVER)
		.build();

	final List<URI> redirects = new ArrayList<>();

	/** Every Set-Cookie header the gateway and Keycloak sent, in order. */
	final List<String> setCookies = new ArrayList<>();

	private final String gateway;

	ConsoleSignIn(String gateway) {
		this.gateway = gateway;
		// the realm's console client names exact redirect URIs: this gateway's is added
		TestStack.get().devStack().allowConsoleAt(gateway);
	}

	/** Signs in from {@code /admin/}; answers the last response, after the redirects. */
	HttpResponse<String> signIn(String username) throws IOException, InterruptedException {
		HttpResponse<String> loginPage = follow(get(URI.create(this.gateway + "/admin/")));
		Matcher action = FORM_ACTION.matcher(loginPage.body());
		if (!action.find()) {
			throw new IllegalStateException("No Keycloak login form in " + loginPage.uri() + ": " + loginPage.body());
		}
		URI post = URI.create(action.group(1).replace("&amp;", "&"));
		String form = "username=" + encode(username) + "&password=" + encode(username) + "&credentialId=";
		HttpRequest login = HttpRequest.newBuilder(post)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.timeout(TIMEOUT)
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
		return follow(seen(this.http.send(login, HttpResponse.BodyHandlers.ofString())));
	}

	private HttpResponse<String> seen(HttpResponse<String> response) {
		this.setCookies.addAll(response.headers().allValues("Set-Cookie"));
		return response;
	}

	HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
		try {
			return seen(this.http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(),
					HttpResponse.BodyHandlers.ofString()));
		}
		catch (IOException ex) {
			throw new IOException("GET " + uri + " after " + this.redirects + ": " + ex, ex);
		}
	}

	HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return get(URI.create(this.gateway + path));
	}

	/** The session's CSRF token, as the page gets it from {@code /bff/session}. */
	String csrfToken() throws IOException, InterruptedException {
		HttpResponse<String> session = get("/bff/session");
		Matcher token = CSRF_TOKEN.matcher(session.body());
		if (session.statusCode() != 200 || !token.find()) {
			throw new IllegalStateException(
					"No CSRF token in /bff/session: " + session.statusCode() + " " + session.body());
		}
		return token.group(1);
	}

	HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return seen(this.http.send(request.timeout(TIMEOUT).build(), HttpResponse.BodyHandlers.ofString()));
	}

	HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create(this.gateway + path));
	}

	HttpResponse<String> follow(HttpResponse<String> response) throws IOException, InterruptedException {
		HttpResponse<String> current = response;
		for (int hops = 0; hops < 10 && current.statusCode() / 100 == 3; hops++) {
			URI next = current.uri().resolve(current.headers().firstValue("Location").orElseThrow());
			this.redirects.add(next);
			current = get(next);
		}
		return current;
	}

	Optional<HttpCookie> cookie(String name) {
		return this.cookies.getCookieStore().getCookies().stream().filter((c) -> c.getName().equals(name)).findFirst();
	}

	/**
	 * Sends {@code Secure} cookies to loopback over plain HTTP, as browsers do (they
	 * count {@code 127.0.0.1} as a secure context); Keycloak marks its login cookies
	 * Secure.
	 */
	private static final class LoopbackAsSecure extends CookieHandler {

		private final CookieManager cookies;

		LoopbackAsSecure(CookieManager cookies) {
			this.cookies = cookies;
		}

		@Override
		public Map<String, List<String>> get(URI uri, Map<String, List<String>> headers) throws IOException {
			boolean loopback = "127.0.0.1".equals(uri.getHost()) || "localhost".equals(uri.getHost());
			URI asSecure = loopback ? URI.create(uri.toString().replaceFirst("^http:", "https:")) : uri;
			return this.cookies.get(asSecure, headers);
		}

		@Override
		public void put(URI uri, Map<String, List<String>> headers) throws IOException {
			this.cookies.put(uri, headers);
		}

	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
