package com.xorstack.metrics.uptime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/**
 * A real HTTP server on loopback that a test takes down (the port closed: connection
 * refused) and brings back on the same port, or makes answer a given status and body.
 */
final class FlakyServer implements AutoCloseable {

	private final int port;

	private final AtomicInteger hits = new AtomicInteger();

	private volatile int status = 200;

	private volatile String body = "ok";

	private HttpServer server;

	FlakyServer() {
		this.server = start(0);
		this.port = this.server.getAddress().getPort();
	}

	String url() {
		return "http://127.0.0.1:" + this.port + "/health";
	}

	int hits() {
		return this.hits.get();
	}

	/** Serving {@code status} with {@code body}; started again if it was down. */
	void answer(int status, String body) {
		this.status = status;
		this.body = body;
		if (this.server == null) {
			this.server = start(this.port);
		}
	}

	/** Gone: the port closed. */
	void down() {
		if (this.server != null) {
			this.server.stop(0);
			this.server = null;
		}
	}

	@Override
	public void close() {
		down();
	}

	private HttpServer start(int on) {
		try {
			HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", on), 0);
			http.createContext("/", (exchange) -> {
				this.hits.incrementAndGet();
				byte[] bytes = this.body.getBytes(StandardCharsets.UTF_8);
				exchange.sendResponseHeaders(this.status, bytes.length);
				exchange.getResponseBody().write(bytes);
				exchange.close();
			});
			http.start();
			return http;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
