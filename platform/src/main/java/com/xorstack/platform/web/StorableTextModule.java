package com.xorstack.platform.web;

import tools.jackson.core.JsonParser;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.module.SimpleModule;

/**
 * Refuses a NUL character in any string a service's JSON mapper reads into a typed value
 * (a request body, an event read into a record, a map's keys and values): PostgreSQL text
 * cannot hold it, and the insert would fail with a 500 for what is the input's problem.
 * The refusal is a {@link UnstorableTextException} that names the field as its path.
 * Trees ({@code JsonNode}) are read as they are: whoever reads one checks its text.
 */
final class StorableTextModule extends SimpleModule {

	StorableTextModule() {
		super("xorstack-storable-text");
		addDeserializer(String.class, new Strings());
		addKeyDeserializer(String.class, new Keys());
	}

	static String checked(String text, JsonParser parser) {
		if (text.indexOf('\u0000') >= 0) {
			throw new UnstorableTextException(parser);
		}
		return text;
	}

	/** Jackson's own, coercion rules included, and then the check. */
	private static final class Strings extends StringDeserializer {

		@Override
		public String deserialize(JsonParser parser, DeserializationContext context) {
			String text = super.deserialize(parser, context);
			return (text != null) ? checked(text, parser) : null;
		}

	}

	private static final class Keys extends KeyDeserializer {

		@Override
		public Object deserializeKey(String key, DeserializationContext context) {
			return checked(key, context.getParser());
		}

	}

}
