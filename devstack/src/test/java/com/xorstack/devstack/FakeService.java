package com.xorstack.devstack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Stands in for a service in {@link ServiceProcessTests}: answers the readiness probe on
 * {@code SERVER_PORT} and tells what it finds in its environment under {@code /env/NAME}.
 */
public final class FakeService {

	private FakeService() {
	}

	public static void main(String[] args) throws IOException {
		HttpServer server = HttpServer
			.create(new InetSocketAddress("127.0.0.1", Integer.parseInt(System.getenv("SERVER_PORT"))), 0);
		server.createContext("/actuator/health/readiness", (exchange) -> answer(exchange, "{\"status\":\"UP\"}"));
		server.createContext("/env/", (exchange) -> answer(exchange,
				String.valueOf(System.getenv(exchange.getRequestURI().getPath().substring("/env/".length())))));
		server.start();
		System.out.println("fake service listening");
	}

	private static void answer(HttpExchange exchange, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(200, bytes.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(bytes);
		}
	}

}
