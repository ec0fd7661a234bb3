package com.xorstack.platform.errors;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real HTTP server in place of Sentry's ingest: it takes what the SDK posts to
 * {@code /api/<project>/envelope/}, answers 200 as Sentry does, and keeps each envelope
 * (gzip or not) with its raw text, to search for what must not be there.
 */
final class SentryEnvelopeReceiver implements AutoCloseable {

	record Envelope(String path, String raw, JsonNode header, List<Item> items) {

		List<JsonNode> events() {
			return this.items.stream().filter((item) -> "event".equals(item.type())).map(Item::payload).toList();
		}

	}

	record Item(String type, JsonNode payload) {
	}

	private static final JsonMapper JSON = JsonMapper.shared();

	private final HttpServer server;

	private final List<Envelope> envelopes = new CopyOnWriteArrayList<>();

	SentryEnvelopeReceiver() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/", (exchange) -> {
			try (InputStream body = exchange.getRequestBody()) {
				byte[] bytes = body.readAllBytes();
				if ("gzip".equalsIgnoreCase(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
					bytes = new GZIPInputStream(new ByteArrayInputStream(bytes)).readAllBytes();
				}
				this.envelopes
					.add(parse(exchange.getRequestURI().getPath(), new String(bytes, StandardCharsets.UTF_8)));
			}
			byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, answer.length);
			exchange.getResponseBody().write(answer);
			exchange.close();
		});
		this.server.start();
	}

	/** A DSN for project 42 with a made-up public key. */
	String dsn() {
		return "http://0123456789abcdef@127.0.0.1:" + this.server.getAddress().getPort() + "/42";
	}

	List<Envelope> envelopes() {
		return List.copyOf(this.envelopes);
	}

	/**
	 * Header line, then per item a header line and its payload: of the header's
	 * {@code length} bytes, or up to the next newline.
	 */
	static Envelope parse(String path, String raw) {
		String[] lines = raw.split("\n", -1);
		JsonNode header = JSON.readTree(lines[0]);
		List<Item> items = new ArrayList<>();
		for (int i = 1; i + 1 < lines.length; i += 2) {
			if (lines[i].isBlank()) {
				continue;
			}
			JsonNode itemHeader = JSON.readTree(lines[i]);
			items.add(new Item(itemHeader.path("type").asString(), JSON.readTree(lines[i + 1])));
		}
		return new Envelope(path, raw, header, items);
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

}
