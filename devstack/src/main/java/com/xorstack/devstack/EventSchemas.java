package com.xorstack.devstack;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.xorstack.platform.events.EventTypes;

/**
 * The JSON Schemas of the event contract, as the platform jar publishes them, for tests
 * to check the events they read and send. {@code format} is asserted: in draft 2020-12 it
 * is only an annotation unless the validator is told otherwise, and a uuid or date-time
 * that a consumer cannot parse breaks the contract as much as a missing field does.
 */
public final class EventSchemas {

	/** Every type in this namespace is one of the contract and has a schema. */
	public static final String NAMESPACE = "com.xorstack.";

	private static final SchemaRegistryConfig CONFIG = SchemaRegistryConfig.builder()
		.formatAssertionsEnabled(true)
		.pathType(PathType.JSON_PATH)
		.build();

	private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
			(registry) -> registry.schemaRegistryConfig(CONFIG));

	private static final Map<String, Optional<Schema>> SCHEMAS = new ConcurrentHashMap<>();

	private EventSchemas() {
	}

	/** Whether {@code type} (a {@code ce_type}) has a schema on the classpath. */
	public static boolean known(String type) {
		return schema(type).isPresent();
	}

	/**
	 * Every way {@code json} breaks the schema of {@code type}, each as "path: message";
	 * empty when it conforms.
	 */
	public static List<String> violations(String type, byte[] json) {
		Schema schema = schema(type).orElseThrow(() -> new IllegalArgumentException("No JSON Schema for " + type));
		JsonNode data;
		try {
			data = JsonMapper.shared().readTree(json);
		}
		catch (JacksonException ex) {
			return List.of("$: not JSON (" + ex.getOriginalMessage() + ")");
		}
		return schema.validate(data).stream().map(EventSchemas::describe).toList();
	}

	public static List<String> violations(String type, String json) {
		return violations(type, json.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Fails naming every violation unless {@code json} conforms to the schema of
	 * {@code type}, and fails too when {@code type} has no schema.
	 */
	public static void assertConforms(String type, byte[] json) {
		if (!known(type)) {
			throw new AssertionError("No JSON Schema for " + type + " on the classpath");
		}
		List<String> violations = violations(type, json);
		if (!violations.isEmpty()) {
			throw new AssertionError("Not a valid " + type + " (" + EventTypes.schemaLocation(type) + "):\n  "
					+ String.join("\n  ", violations) + "\nin " + new String(json, StandardCharsets.UTF_8));
		}
	}

	public static void assertConforms(String type, String json) {
		assertConforms(type, json.getBytes(StandardCharsets.UTF_8));
	}

	private static Optional<Schema> schema(String type) {
		return SCHEMAS.computeIfAbsent(type, EventSchemas::load);
	}

	private static Optional<Schema> load(String type) {
		if (!type.startsWith(NAMESPACE) || type.length() == NAMESPACE.length()) {
			return Optional.empty();
		}
		String location = EventTypes.schemaLocation(type);
		if (EventSchemas.class.getClassLoader().getResource(location) == null) {
			return Optional.empty();
		}
		return Optional.of(REGISTRY.getSchema(SchemaLocation.of("classpath:" + location)));
	}

	private static String describe(Error error) {
		return error.getInstanceLocation() + ": " + error.getMessage();
	}

}
