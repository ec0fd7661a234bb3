package com.xorstack.ailog.ingest;

import java.io.ByteArrayOutputStream;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Writes calls as JSON straight from their fields, with a streaming generator and no
 * intermediate maps or trees: the rows of the insert and the data of
 * {@code ailog.recorded.v1}. Both run for every event of the ingest, so they are kept
 * cheap.
 */
@Component
class CallJson {

	private final JsonMapper json;

	CallJson(JsonMapper json) {
		this.json = json;
	}

	/** The batch as one JSON array, keys named like the columns of {@code ai_logs}. */
	String rows(List<PricedCall> calls) {
		StringWriter out = new StringWriter(calls.size() * 1024);
		try (JsonGenerator json = this.json.createGenerator(out)) {
			json.writeStartArray();
			for (PricedCall priced : calls) {
				AiLogCall call = priced.call();
				json.writeStartObject();
				json.writeStringProperty("id", call.id().toString());
				json.writeStringProperty("occurred_at", priced.occurredAt().toString());
				json.writeStringProperty("function_name", call.functionName());
				text(json, "operation", call.operation());
				text(json, "provider", call.provider());
				text(json, "request_model", call.requestModel());
				text(json, "response_model", call.responseModel());
				text(json, "input_hash", call.inputHash());
				text(json, "output_preview", call.outputPreview());
				number(json, "duration_ms", call.durationMs());
				number(json, "time_to_first_token_ms", call.timeToFirstTokenMs());
				count(json, "input_tokens", call.inputTokens());
				count(json, "output_tokens", call.outputTokens());
				count(json, "cache_read_input_tokens", call.cacheReadInputTokens());
				json.writeStringProperty("status", call.status());
				text(json, "error_type", call.errorType());
				strings(json, "finish_reasons", call.finishReasons());
				text(json, "user_id", call.userId());
				text(json, "session_id", call.sessionId());
				text(json, "conversation_id", call.conversationId());
				text(json, "trace_id", call.traceId());
				text(json, "span_id", call.spanId());
				attributes(json, call.attributes());
				cost(json, priced.cost().usd());
				json.writeBooleanProperty("priced", priced.cost().priced());
				json.writeEndObject();
			}
			json.writeEndArray();
		}
		return out.toString();
	}

	/**
	 * The data of {@code ailog.recorded.v1} (its JSON Schema in platform): the numbers
	 * metrics need, no output preview.
	 */
	byte[] recorded(PricedCall priced) {
		AiLogCall call = priced.call();
		ByteArrayOutputStream out = new ByteArrayOutputStream(512);
		try (JsonGenerator json = this.json.createGenerator(out)) {
			json.writeStartObject();
			json.writeStringProperty("id", call.id().toString());
			json.writeStringProperty("occurredAt", priced.occurredAt().toString());
			json.writeStringProperty("functionName", call.functionName());
			json.writeStringProperty("operation", call.operation());
			json.writeStringProperty("provider", call.provider());
			json.writeStringProperty("requestModel", call.requestModel());
			json.writeStringProperty("responseModel", call.responseModel());
			json.writeStringProperty("inputHash", call.inputHash());
			nullableNumber(json, "durationMs", call.durationMs());
			nullableNumber(json, "timeToFirstTokenMs", call.timeToFirstTokenMs());
			nullableCount(json, "inputTokens", call.inputTokens());
			nullableCount(json, "outputTokens", call.outputTokens());
			nullableCount(json, "cacheReadInputTokens", call.cacheReadInputTokens());
			json.writeStringProperty("status", call.status());
			json.writeStringProperty("errorType", call.errorType());
			json.writeStringProperty("userId", call.userId());
			json.writeStringProperty("sessionId", call.sessionId());
			json.writeStringProperty("traceId", call.traceId());
			json.writeNumberProperty("costUsd", priced.cost().usd());
			json.writeBooleanProperty("priced", priced.cost().priced());
			json.writeEndObject();
		}
		return out.toByteArray();
	}

	// A row leaves out what is null: json_to_recordset reads a missing key as null.

	private static void text(JsonGenerator json, String name, @Nullable String value) {
		if (value != null) {
			json.writeStringProperty(name, value);
		}
	}

	private static void number(JsonGenerator json, String name, @Nullable Double value) {
		if (value != null) {
			json.writeNumberProperty(name, value);
		}
	}

	private static void count(JsonGenerator json, String name, @Nullable Integer value) {
		if (value != null) {
			json.writeNumberProperty(name, value);
		}
	}

	private static void cost(JsonGenerator json, @Nullable BigDecimal usd) {
		if (usd != null) {
			json.writeNumberProperty("cost_usd", usd);
		}
	}

	private static void strings(JsonGenerator json, String name, @Nullable List<String> values) {
		if (values != null) {
			json.writeArrayPropertyStart(name);
			for (String value : values) {
				json.writeString(value);
			}
			json.writeEndArray();
		}
	}

	private static void attributes(JsonGenerator json, Map<String, String> attributes) {
		if (!attributes.isEmpty()) {
			json.writeObjectPropertyStart("attributes");
			for (Map.Entry<String, String> attribute : attributes.entrySet()) {
				json.writeStringProperty(attribute.getKey(), attribute.getValue());
			}
			json.writeEndObject();
		}
	}

	private static void nullableNumber(JsonGenerator json, String name, @Nullable Double value) {
		if (value != null) {
			json.writeNumberProperty(name, value);
		}
		else {
			json.writeNullProperty(name);
		}
	}

	private static void nullableCount(JsonGenerator json, String name, @Nullable Integer value) {
		if (value != null) {
			json.writeNumberProperty(name, value);
		}
		else {
			json.writeNullProperty(name);
		}
	}

}
