package com.xorstack.ailog.otlp;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Set;
import java.util.UUID;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import com.xorstack.ailog.ingest.GenAiAttributes;

/**
 * Turns a span with {@code gen_ai.*} attributes into an {@code ailog.call.v1} event, to
 * be validated like any other. Attributes keep their OpenTelemetry names (current or
 * deprecated): the validation maps them onto the event's fields. The event id is derived
 * from the trace and span ids, so a span sent twice is stored once.
 */
final class SpanMapper {

	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

	private static final Set<String> USER_ID = Set.of("user.id", "enduser.id");

	private SpanMapper() {
	}

	static boolean isAiCall(Span span) {
		return span.getAttributesList().stream().anyMatch((attribute) -> attribute.getKey().startsWith("gen_ai."));
	}

	static JsonNode toEvent(Resource resource, Span span) {
		ObjectNode event = NODES.objectNode();
		event.put("id", id(span.getTraceId(), span.getSpanId()).toString());
		event.put("occurredAt", instant(span.getStartTimeUnixNano()).toString());
		String function = resourceAttribute(resource, "faas.name");
		event.put("functionName", (function != null) ? function : resourceAttribute(resource, "service.name"));
		if (span.getEndTimeUnixNano() >= span.getStartTimeUnixNano() && span.getStartTimeUnixNano() > 0) {
			event.put("durationMs", (span.getEndTimeUnixNano() - span.getStartTimeUnixNano()) / 1_000_000.0);
		}
		if (!span.getTraceId().isEmpty()) {
			event.put("traceId", HexFormat.of().formatHex(span.getTraceId().toByteArray()));
		}
		if (!span.getSpanId().isEmpty()) {
			event.put("spanId", HexFormat.of().formatHex(span.getSpanId().toByteArray()));
		}
		ObjectNode others = NODES.objectNode();
		boolean errorType = false;
		for (KeyValue attribute : span.getAttributesList()) {
			String key = attribute.getKey();
			JsonNode value = value(attribute.getValue());
			if (GenAiAttributes.field(key) != null) {
				event.set(key, value);
				errorType |= key.equals("error.type");
			}
			else if (USER_ID.contains(key)) {
				event.set("userId", value);
			}
			else if (key.equals("session.id")) {
				event.set("sessionId", value);
			}
			else if (key.startsWith("gen_ai.") && others.size() < 64) {
				others.put(key, value.isString() ? value.stringValue() : value.toString());
			}
		}
		boolean failed = span.getStatus().getCode() == Status.StatusCode.STATUS_CODE_ERROR || errorType;
		event.put("status", failed ? "error" : "success");
		if (!others.isEmpty()) {
			event.set("attributes", others);
		}
		return event;
	}

	/**
	 * A name-based UUID of trace id and span id: the same span always has the same id.
	 */
	static UUID id(ByteString traceId, ByteString spanId) {
		ByteBuffer both = ByteBuffer.allocate(traceId.size() + spanId.size());
		both.put(traceId.asReadOnlyByteBuffer()).put(spanId.asReadOnlyByteBuffer());
		return UUID.nameUUIDFromBytes(both.array());
	}

	private static Instant instant(long unixNanos) {
		return Instant.ofEpochSecond(0, unixNanos);
	}

	private static @Nullable String resourceAttribute(Resource resource, String key) {
		return resource.getAttributesList()
			.stream()
			.filter((attribute) -> attribute.getKey().equals(key) && attribute.getValue().hasStringValue())
			.map((attribute) -> attribute.getValue().getStringValue())
			.findFirst()
			.orElse(null);
	}

	private static JsonNode value(AnyValue value) {
		return switch (value.getValueCase()) {
			case STRING_VALUE -> NODES.stringNode(value.getStringValue());
			case INT_VALUE -> NODES.numberNode(value.getIntValue());
			case DOUBLE_VALUE -> NODES.numberNode(value.getDoubleValue());
			case BOOL_VALUE -> NODES.booleanNode(value.getBoolValue());
			case ARRAY_VALUE -> {
				ArrayNode array = NODES.arrayNode();
				value.getArrayValue().getValuesList().forEach((item) -> array.add(value(item)));
				yield array;
			}
			default -> NODES.nullNode();
		};
	}

}
