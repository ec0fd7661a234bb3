package com.xorstack.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** Files of this checkout, read as the deployment tools would read them. */
final class Repo {

	static final Path ROOT = Path.of(System.getProperty("xorstack.root", "..")).toAbsolutePath().normalize();

	/** The five services as Maven modules; each is also a container and a Deployment. */
	static final List<String> SERVICES = List.of("gateway", "feedback-service", "metrics-service", "ailog-service",
			"auth-service");

	private Repo() {
	}

	static Path path(String relative) {
		return ROOT.resolve(relative);
	}

	static String read(String relative) {
		try {
			return Files.readString(path(relative));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Every document of a YAML file or text, merge keys and anchors resolved. */
	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> yamlDocuments(String text) {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (Object document : new Yaml(new LoaderOptions()).loadAll(text)) {
			if (document != null) {
				documents.add((Map<String, Object>) document);
			}
		}
		return documents;
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object value) {
		return (value != null) ? (Map<String, Object>) value : Map.of();
	}

	@SuppressWarnings("unchecked")
	static List<Object> list(Object value) {
		return (value != null) ? (List<Object>) value : List.of();
	}

	/** {@code at(doc, "spec", "template", "spec")}: nested maps, empty where missing. */
	static Map<String, Object> at(Map<String, Object> map, String... keys) {
		Map<String, Object> current = map;
		for (String key : keys) {
			current = map(current.get(key));
		}
		return current;
	}

}
