package com.xorstack.deploy;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Makes a schema refuse fields it does not name, as the API server does with strict field
 * validation (kubectl's default): every object schema with {@code properties} and no
 * {@code additionalProperties} gets {@code additionalProperties: false}, unless it keeps
 * unknown fields ({@code x-kubernetes-preserve-unknown-fields}).
 */
final class Strict {

	private Strict() {
	}

	static void apply(JsonNode schema) {
		if (!(schema instanceof ObjectNode node)) {
			return;
		}
		if (node.has("properties") && !node.has("additionalProperties")
				&& !node.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
			node.put("additionalProperties", false);
		}
		node.path("properties").forEach(Strict::apply);
		apply(node.path("items"));
		apply(node.path("additionalProperties"));
		for (String combinator : new String[] { "allOf", "anyOf", "oneOf" }) {
			node.path(combinator).forEach(Strict::apply);
		}
	}

}
