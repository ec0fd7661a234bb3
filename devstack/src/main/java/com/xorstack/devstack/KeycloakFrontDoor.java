package com.xorstack.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Keycloak's browser-facing address, apart from the internal one the services use, as an
 * ingress gives it in a deployment: a relay on another loopback address (such as
 * {@code 127.0.0.2}) to Keycloak on {@code 127.0.0.1}.
 * <p>
 * In a container the public name is often not reachable from the services at all (it may
 * even be the container itself). The relay reproduces that by refusing what only services
 * ask for (discovery, tokens, keys, user info, the admin API), so that a service that
 * would use the public address for them fails here as it would there.
 */
final class KeycloakFrontDoor implements AutoCloseable {

	/** Paths only services ask for: no browser or outside client needs them. */
	private static final Pattern BACK_CHANNEL = Pattern
		.compile("/realms/[^/]+/(\\.well-known/.*|protocol/openid-connect/(certs|userinfo|token/introspect)/?)"
				+ "|/admin/realms(/.*)?");

	/** Headers the relay does not copy: of one connection, or set by the HTTP client. */
	private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "transfer-encoding", "upgrade",
			"content-length", "host", "expect", "proxy-connection", "te", "trailer");

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final HttpServer server;

	private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

	private final HttpClient client = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final URI keycloak;

	private KeycloakFrontDoor(HttpServer server, URI keycloak) {
		this.server = server;
		this.keycloak = keycloak;
	}

	/**
	 * Listens on {@code host} at a free port now, so that Keycloak can be started with
	 * its address; relays to {@code keycloak} from then on.
	 */
	static KeycloakFrontDoor open(String host, URI keycloak) {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(host, 0), 64);
			KeycloakFrontDoor door = new KeycloakFrontDoor(server, keycloak);
			server.createContext("/", door::relay);
			server.setExecutor(door.threads);
			server.start();
			return door;
		}
		catch (IOException ex) {
			throw new DevStackException("Cannot listen on " + host + " for Keycloak's browser-facing address: "
					+ ex.getMessage() + " (Linux routes all of 127.0.0.0/8 to loopback; other systems may not)", ex);
		}
	}

	/** Such as {@code http://127.0.0.2:41234}. */
	String url() {
		InetSocketAddress address = this.server.getAddress();
		return "http://" + address.getHostString() + ":" + address.getPort();
	}

	private void relay(HttpExchange exchange) throws IOException {
		try (exchange) {
			URI requested = exchange.getRequestURI();
			if (BACK_CHANNEL.matcher(requested.getPath()).matches()) {
				byte[] body = ("Keycloak's browser-facing address; services use the internal one: "
						+ requested.getPath())
					.getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(403, body.length);
				exchange.getResponseBody().write(body);
				return;
			}
			HttpResponse<InputStream> response = this.client.send(forwarded(exchange, requested),
					HttpResponse.BodyHandlers.ofInputStream());
			response.headers().map().forEach((name, values) -> {
				if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
					exchange.getResponseHeaders().put(name, List.copyOf(values));
				}
			});
			try (InputStream in = response.body()) {
				byte[] body = in.readAllBytes();
				boolean empty = body.length == 0 || "HEAD".equals(exchange.getRequestMethod());
				exchange.sendResponseHeaders(response.statusCode(), empty ? -1 : body.length);
				if (!empty) {
					try (OutputStream out = exchange.getResponseBody()) {
						out.write(body);
					}
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private HttpRequest forwarded(HttpExchange exchange, URI requested) throws IOException {
		URI target = this.keycloak
			.resolve(requested.getRawPath() + ((requested.getRawQuery() != null) ? "?" + requested.getRawQuery() : ""));
		byte[] body = exchange.getRequestBody().readAllBytes();
		HttpRequest.Builder request = HttpRequest.newBuilder(target)
			.timeout(TIMEOUT)
			.method(exchange.getRequestMethod(), (body.length == 0) ? HttpRequest.BodyPublishers.noBody()
					: HttpRequest.BodyPublishers.ofByteArray(body));
		exchange.getRequestHeaders().forEach((name, values) -> {
			if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT))) {
				values.forEach((value) -> request.header(name, value));
			}
		});
		return request.build();
	}

	@Override
	public void close() {
		this.server.stop(0);
		this.threads.shutdownNow();
		this.client.close();
	}

}
