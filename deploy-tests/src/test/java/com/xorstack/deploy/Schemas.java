package com.xorstack.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The schemas the cluster validates our objects with, pinned in
 * src/test/resources/schemas (origins and versions in its README): Kubernetes' own
 * definitions and the operators' CRDs. Validation is strict, like {@code kubectl apply}'s
 * server-side field validation: a field a schema does not name is an error, except under
 * {@code x-kubernetes-preserve-unknown-fields}.
 */
final class Schemas {

	static final Path ROOT = Repo.path("deploy-tests/src/test/resources/schemas");

	/**
	 * Versions served under another name: Keycloak 26.6 promoted its CRDs to v2beta1 with
	 * the v2alpha1 schema unchanged (keycloak/keycloak#45840); the newest CRD files
	 * upstream keeps in a repository are of the v2alpha1 days.
	 */
	static final Map<String, String> SAME_SCHEMA_AS = Map.of("k8s.keycloak.org/v2beta1", "k8s.keycloak.org/v2alpha1");

	private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4,
			(registry) -> registry
				.schemaRegistryConfig(SchemaRegistryConfig.builder().pathType(PathType.JSON_PATH).build()));

	/** "group/version Kind" to its schema. */
	private static final Map<String, JsonNode> SCHEMAS = new HashMap<>();

	/** "group/version Kind" of a CRD version that is its storage version. */
	private static final Map<String, Boolean> STORED = new HashMap<>();

	/** CRDs nest deeper than SnakeYAML's default limit of 50. */
	private static final Yaml CRD_YAML = new Yaml(crdLoaderOptions());

	private static final Map<String, Schema> COMPILED = new ConcurrentHashMap<>();

	static {
		loadKubernetes();
		loadCustomResourceDefinitions();
	}

	private Schemas() {
	}

	/** Every way {@code object} breaks its schema, or that there is none for it. */
	static List<String> violations(Map<String, Object> object) {
		String apiVersion = String.valueOf(object.get("apiVersion"));
		String kind = String.valueOf(object.get("kind"));
		String key = key(apiVersion, kind);
		String lookup = key(SAME_SCHEMA_AS.getOrDefault(apiVersion, apiVersion), kind);
		if (!SCHEMAS.containsKey(lookup)) {
			return List.of("no pinned schema serves " + key);
		}
		Schema schema = COMPILED.computeIfAbsent(lookup, (name) -> REGISTRY.getSchema(SCHEMAS.get(name)));
		return schema.validate(JsonMapper.shared().valueToTree(object)).stream().map(Schemas::describe).toList();
	}

	/**
	 * Whether a pinned CRD stores {@code apiVersion}'s {@code kind}; empty for core
	 * kinds. A version of {@link #SAME_SCHEMA_AS} is the one its operator stores now.
	 */
	static Optional<Boolean> stored(String apiVersion, String kind) {
		if (SAME_SCHEMA_AS.containsKey(apiVersion)) {
			return Optional.of(true);
		}
		return Optional.ofNullable(STORED.get(key(apiVersion, kind)));
	}

	private static String key(String apiVersion, String kind) {
		return apiVersion + " " + kind;
	}

	private static String describe(Error error) {
		return error.getInstanceLocation() + ": " + error.getMessage();
	}

	private static void loadKubernetes() {
		JsonNode swagger = read(ROOT.resolve("kubernetes-1.36/definitions.json"));
		ObjectNode definitions = (ObjectNode) swagger.get("definitions").deepCopy();
		// OpenAPI v2 writes these as strings of a format of its own; the API server
		// takes a number or a string for both
		definitions.set("io.k8s.apimachinery.pkg.util.intstr.IntOrString", types("integer", "string"));
		definitions.set("io.k8s.apimachinery.pkg.api.resource.Quantity", types("number", "string"));
		definitions.properties().forEach((entry) -> Strict.apply(entry.getValue()));
		definitions.properties().forEach((entry) -> {
			for (JsonNode gvk : entry.getValue().path("x-kubernetes-group-version-kind")) {
				String group = gvk.path("group").asString();
				String apiVersion = group.isEmpty() ? gvk.path("version").asString()
						: group + "/" + gvk.path("version").asString();
				ObjectNode schema = JsonMapper.shared().createObjectNode();
				schema.put("$ref", "#/definitions/" + entry.getKey());
				schema.set("definitions", definitions);
				SCHEMAS.put(key(apiVersion, gvk.path("kind").asString()), schema);
			}
		});
	}

	private static ObjectNode types(String... types) {
		ObjectNode node = JsonMapper.shared().createObjectNode();
		node.putArray("type").addAll(Stream.of(types).map(JsonMapper.shared().getNodeFactory()::stringNode).toList());
		return node;
	}

	private static void loadCustomResourceDefinitions() {
		try (Stream<Path> files = Files.walk(ROOT)) {
			for (Path file : files.filter((path) -> path.toString().matches(".*\\.ya?ml$")).sorted().toList()) {
				for (Object crd : CRD_YAML.loadAll(Files.readString(file))) {
					if (crd instanceof Map<?, ?> map && "CustomResourceDefinition".equals(map.get("kind"))) {
						loadCustomResourceDefinition(Repo.map(crd));
					}
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void loadCustomResourceDefinition(Map<String, Object> crd) {
		String group = String.valueOf(Repo.at(crd, "spec").get("group"));
		String kind = String.valueOf(Repo.at(crd, "spec", "names").get("kind"));
		for (Object entry : Repo.list(Repo.at(crd, "spec").get("versions"))) {
			Map<String, Object> version = Repo.map(entry);
			if (Boolean.TRUE.equals(version.get("served"))) {
				String key = key(group + "/" + version.get("name"), kind);
				ObjectNode schema = JsonMapper.shared().valueToTree(Repo.at(version, "schema", "openAPIV3Schema"));
				// the API server takes these of every object, whether a CRD names them or
				// not
				ObjectNode properties = schema.withObjectProperty("properties");
				properties.putObject("apiVersion").put("type", "string");
				properties.putObject("kind").put("type", "string");
				properties.putObject("metadata").put("type", "object");
				Strict.apply(schema);
				SCHEMAS.put(key, schema);
				STORED.put(key, Boolean.TRUE.equals(version.get("storage")));
			}
		}
	}

	private static LoaderOptions crdLoaderOptions() {
		LoaderOptions options = new LoaderOptions();
		options.setNestingDepthLimit(1000);
		options.setCodePointLimit(16 * 1024 * 1024);
		return options;
	}

	private static JsonNode read(Path file) {
		try {
			return JsonMapper.shared().readTree(Files.readString(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
