package com.xorstack.ailog.ingest;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The OpenTelemetry GenAI attribute names (still experimental) and their deprecated
 * aliases, mapped onto the fields of {@code ailog.call.v1}. Where an event carries both a
 * field and an alias of it, the field wins.
 */
public final class GenAiAttributes {

	/** Attribute name to event field, current names before deprecated ones. */
	public static final Map<String, String> FIELDS = fields();

	private GenAiAttributes() {
	}

	private static Map<String, String> fields() {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("gen_ai.operation.name", "operation");
		fields.put("gen_ai.provider.name", "provider");
		fields.put("gen_ai.system", "provider");
		fields.put("gen_ai.request.model", "requestModel");
		fields.put("gen_ai.response.model", "responseModel");
		fields.put("gen_ai.usage.input_tokens", "inputTokens");
		fields.put("gen_ai.usage.prompt_tokens", "inputTokens");
		fields.put("gen_ai.usage.output_tokens", "outputTokens");
		fields.put("gen_ai.usage.completion_tokens", "outputTokens");
		fields.put("gen_ai.usage.cache_read.input_tokens", "cacheReadInputTokens");
		fields.put("gen_ai.response.finish_reasons", "finishReasons");
		fields.put("gen_ai.conversation.id", "conversationId");
		fields.put("error.type", "errorType");
		return Map.copyOf(fields);
	}

	/** The field an attribute name stands for, or null. */
	public static @Nullable String field(String attribute) {
		return FIELDS.get(attribute);
	}

	/**
	 * The event with attribute names renamed to their fields; the event itself when it
	 * uses none.
	 */
	static JsonNode normalized(JsonNode event) {
		if (!event.isObject() || event.propertyNames().stream().noneMatch(FIELDS::containsKey)) {
			return event;
		}
		ObjectNode copy = ((ObjectNode) event).deepCopy();
		for (Map.Entry<String, String> alias : ordered().entrySet()) {
			JsonNode value = copy.remove(alias.getKey());
			if (value != null && !copy.has(alias.getValue())) {
				copy.set(alias.getValue(), value);
			}
		}
		return copy;
	}

	/** Current names first, so that they win over a deprecated alias. */
	private static Map<String, String> ordered() {
		Map<String, String> ordered = new LinkedHashMap<>();
		FIELDS.entrySet()
			.stream()
			.sorted((a, b) -> Boolean.compare(deprecated(a.getKey()), deprecated(b.getKey())))
			.forEach((entry) -> ordered.put(entry.getKey(), entry.getValue()));
		return ordered;
	}

	static boolean deprecated(String attribute) {
		return attribute.equals("gen_ai.system") || attribute.equals("gen_ai.usage.prompt_tokens")
				|| attribute.equals("gen_ai.usage.completion_tokens");
	}

}
