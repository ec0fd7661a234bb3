package com.xorstack.gateway.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /schemas}: every event schema with its CloudEvents type and what it is;
 * {@code GET /schemas/<file>}: the schema itself ({@code application/schema+json}).
 * Public, like the API's description: a schema grants nothing. Read once from the
 * classpath at start; the set only changes with a release.
 */
@RestController
class EventSchemasController {

	static final MediaType SCHEMA_JSON = MediaType.parseMediaType("application/schema+json");

	private static final CacheControl CACHE = CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic();

	private final Map<String, byte[]> schemas = new LinkedHashMap<>();

	private final List<Map<String, String>> index = new ArrayList<>();

	EventSchemasController(JsonMapper json) throws IOException {
		Resource[] found = new PathMatchingResourcePatternResolver().getResources("classpath*:schemas/*.json");
		List<Resource> sorted = new ArrayList<>(List.of(found));
		sorted.sort(Comparator.comparing(Resource::getFilename));
		for (Resource resource : sorted) {
			byte[] bytes = read(resource);
			JsonNode schema = json.readTree(bytes);
			String file = resource.getFilename();
			this.schemas.put(file, bytes);
			Map<String, String> entry = new LinkedHashMap<>();
			entry.put("type", schema.path("title").asString());
			entry.put("schema", "/schemas/" + file);
			entry.put("description", schema.path("description").asString());
			this.index.add(entry);
		}
	}

	@GetMapping("/schemas")
	ResponseEntity<Map<String, Object>> index() {
		return ResponseEntity.ok().cacheControl(CACHE).body(Map.of("items", this.index));
	}

	/**
	 * An unknown file is a problem body: the gateway has no problem handler of its own.
	 */
	@GetMapping("/schemas/{file}")
	ResponseEntity<?> schema(@PathVariable String file) {
		byte[] schema = this.schemas.get(file);
		if (schema == null) {
			return ResponseEntity.status(HttpStatus.NOT_FOUND)
				.contentType(MediaType.APPLICATION_PROBLEM_JSON)
				.body(ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
						"No event schema " + file + "; GET /schemas lists them"));
		}
		return ResponseEntity.ok().contentType(SCHEMA_JSON).cacheControl(CACHE).body(schema);
	}

	private static byte[] read(Resource resource) {
		try (InputStream in = resource.getInputStream()) {
			return in.readAllBytes();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
