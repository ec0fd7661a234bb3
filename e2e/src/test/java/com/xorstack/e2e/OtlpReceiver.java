package com.xorstack.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;

/**
 * An OTLP/HTTP trace receiver on loopback, standing in for Jaeger's collector: the
 * services' agents post {@code ExportTraceServiceRequest}s in protobuf to
 * {@code /v1/traces}, and it keeps every span it was sent.
 */
final class OtlpReceiver implements AutoCloseable {

	private static final HexFormat HEX = HexFormat.of();

	private final HttpServer server;

	private final List<ReceivedSpan> spans = new CopyOnWriteArrayList<>();

	private OtlpReceiver(HttpServer server) {
		this.server = server;
	}

	static OtlpReceiver start() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			OtlpReceiver receiver = new OtlpReceiver(server);
			server.createContext("/v1/traces", receiver::receive);
			server.setExecutor(Executors.newFixedThreadPool(2));
			server.start();
			return receiver;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot start the OTLP receiver", ex);
		}
	}

	/** What {@code OTEL_EXPORTER_OTLP_ENDPOINT} is set to. */
	String endpoint() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	List<ReceivedSpan> spans(String traceId) {
		return this.spans.stream().filter((span) -> span.traceId().equals(traceId)).toList();
	}

	private void receive(HttpExchange exchange) throws IOException {
		try (exchange) {
			if (!"POST".equals(exchange.getRequestMethod())) {
				exchange.sendResponseHeaders(405, -1);
				return;
			}
			String encoding = exchange.getRequestHeaders().getFirst("Content-Encoding");
			try (InputStream body = "gzip".equalsIgnoreCase(encoding) ? new GZIPInputStream(exchange.getRequestBody())
					: exchange.getRequestBody()) {
				keep(ExportTraceServiceRequest.parseFrom(body));
			}
			byte[] response = ExportTraceServiceResponse.getDefaultInstance().toByteArray();
			exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
			exchange.sendResponseHeaders(200, (response.length > 0) ? response.length : -1);
			if (response.length > 0) {
				exchange.getResponseBody().write(response);
			}
		}
	}

	private void keep(ExportTraceServiceRequest request) {
		for (ResourceSpans resourceSpans : request.getResourceSpansList()) {
			Map<String, String> resource = attributes(resourceSpans.getResource());
			for (ScopeSpans scopeSpans : resourceSpans.getScopeSpansList()) {
				for (Span span : scopeSpans.getSpansList()) {
					this.spans.add(new ReceivedSpan(resource.getOrDefault("service.name", ""),
							HEX.formatHex(span.getTraceId().toByteArray()),
							HEX.formatHex(span.getSpanId().toByteArray()),
							HEX.formatHex(span.getParentSpanId().toByteArray()), span.getName(), span.getKind(),
							attributes(span.getAttributesList()), resource));
				}
			}
		}
	}

	private static Map<String, String> attributes(Resource resource) {
		return attributes(resource.getAttributesList());
	}

	private static Map<String, String> attributes(List<KeyValue> attributes) {
		return attributes.stream()
			.collect(Collectors.toMap(KeyValue::getKey, (kv) -> text(kv.getValue()), (a, b) -> b));
	}

	private static String text(AnyValue value) {
		return switch (value.getValueCase()) {
			case STRING_VALUE -> value.getStringValue();
			case INT_VALUE -> String.valueOf(value.getIntValue());
			case BOOL_VALUE -> String.valueOf(value.getBoolValue());
			case DOUBLE_VALUE -> String.valueOf(value.getDoubleValue());
			default -> value.toString();
		};
	}

	@Override
	public void close() {
		this.server.stop(0);
	}

	/** One span as exported, with its service's resource attributes. */
	record ReceivedSpan(String service, String traceId, String spanId, String parentSpanId, String name,
			Span.SpanKind kind, Map<String, String> attributes, Map<String, String> resource) {

		boolean isDatabase() {
			return "postgresql".equals(this.attributes.get("db.system.name"))
					|| "postgresql".equals(this.attributes.get("db.system"));
		}

		boolean isKafka(String topic) {
			return "kafka".equals(this.attributes.get("messaging.system"))
					&& topic.equals(this.attributes.get("messaging.destination.name"));
		}

	}

}
