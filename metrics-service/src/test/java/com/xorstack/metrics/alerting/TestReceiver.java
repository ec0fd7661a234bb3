package com.xorstack.metrics.alerting;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A real local HTTP receiver: answers 500 to its first {@code failures} requests, then
 * 204, and keeps every request it accepted (path and body).
 */
final class TestReceiver implements AutoCloseable {

	private final HttpServer server;

	private final AtomicInteger failuresLeft;

	private final AtomicInteger hits = new AtomicInteger();

	private final List<Received> accepted = new CopyOnWriteArrayList<>();

	TestReceiver(int failures) throws IOException {
		this.failuresLeft = new AtomicInteger(failures);
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", this::handle);
		this.server.setExecutor(Executors.newFixedThreadPool(4));
		this.server.start();
	}

	String url(String path) {
		return "http://127.0.0.1:" + this.server.getAddress().getPort() + path;
	}

	List<Received> accepted() {
		return this.accepted;
	}

	List<Received> accepted(String path) {
		return this.accepted.stream().filter((received) -> received.path().equals(path)).toList();
	}

	int hits() {
		return this.hits.get();
	}

	private void handle(HttpExchange exchange) throws IOException {
		this.hits.incrementAndGet();
		String body;
		try (InputStream in = exchange.getRequestBody()) {
			body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		if (this.failuresLeft.getAndDecrement() > 0) {
			exchange.sendResponseHeaders(500, -1);
		}
		else {
			this.accepted.add(new Received(exchange.getRequestURI().getPath(),
					exchange.getRequestHeaders().getFirst("X-Xorstack-Delivery"), body));
			exchange.sendResponseHeaders(204, -1);
		}
		exchange.close();
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	record Received(String path, String delivery, String body) {
	}

}
