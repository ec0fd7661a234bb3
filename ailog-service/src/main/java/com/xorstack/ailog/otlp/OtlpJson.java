package com.xorstack.ailog.otlp;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import com.xorstack.platform.web.InvalidParameterException;

/**
 * The OTLP/JSON encoding. It is protobuf's JSON mapping with one exception: trace and
 * span ids are hex strings, not base64, so they are rewritten before protobuf's parser
 * reads the document.
 */
final class OtlpJson {

	private static final List<String> ID_FIELDS = List.of("traceId", "spanId", "parentSpanId");

	private OtlpJson() {
	}

	static ExportTraceServiceRequest parse(byte[] body, JsonMapper json) {
		JsonNode root;
		try {
			root = json.readTree(body);
		}
		catch (RuntimeException ex) {
			throw new InvalidParameterException("body", "is not valid JSON");
		}
		if (!root.isObject()) {
			throw new InvalidParameterException("body", "must be an OTLP ExportTraceServiceRequest object");
		}
		for (JsonNode resourceSpans : root.path("resourceSpans").values()) {
			for (JsonNode scopeSpans : resourceSpans.path("scopeSpans").values()) {
				for (JsonNode span : scopeSpans.path("spans").values()) {
					hexToBase64(span);
					span.path("links").values().forEach(OtlpJson::hexToBase64);
				}
			}
		}
		ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
		try {
			JsonFormat.parser().ignoringUnknownFields().merge(json.writeValueAsString(root), request);
		}
		catch (InvalidProtocolBufferException ex) {
			throw new InvalidParameterException("body", "is not an OTLP ExportTraceServiceRequest: " + ex.getMessage());
		}
		return request.build();
	}

	private static void hexToBase64(JsonNode node) {
		if (!(node instanceof ObjectNode span)) {
			return;
		}
		for (String field : ID_FIELDS) {
			JsonNode id = span.get(field);
			if (id != null && id.isString() && !id.stringValue().isEmpty()) {
				try {
					byte[] bytes = HexFormat.of().parseHex(id.stringValue());
					span.put(field, Base64.getEncoder().encodeToString(bytes));
				}
				catch (IllegalArgumentException ex) {
					throw new InvalidParameterException(field, "must be a hex string");
				}
			}
		}
	}

	static String print(ExportTraceServiceResponse response) {
		try {
			return JsonFormat.printer().print(response);
		}
		catch (InvalidProtocolBufferException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
