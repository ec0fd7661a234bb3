package com.xorstack.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Kustomize base under deploy/k8s/base: every resource file its kustomization.yaml
 * lists, as YAML documents.
 */
final class Kustomize {

	static final String BASE = "deploy/k8s/base";

	private Kustomize() {
	}

	static List<String> resourceFiles() {
		Map<String, Object> kustomization = Repo.yamlDocuments(Repo.read(BASE + "/kustomization.yaml")).get(0);
		return Repo.list(kustomization.get("resources")).stream().map(String::valueOf).toList();
	}

	static List<Map<String, Object>> documents() {
		List<Map<String, Object>> documents = new ArrayList<>();
		for (String file : resourceFiles()) {
			documents.addAll(Repo.yamlDocuments(Repo.read(BASE + "/" + file)));
		}
		return documents;
	}

	static List<Map<String, Object>> ofKind(String kind) {
		return documents().stream().filter((document) -> kind.equals(document.get("kind"))).toList();
	}

	static Optional<Map<String, Object>> find(String kind, String name) {
		return ofKind(kind).stream()
			.filter((document) -> name.equals(Repo.at(document, "metadata").get("name")))
			.findFirst();
	}

	static Map<String, Object> get(String kind, String name) {
		return find(kind, name).orElseThrow(() -> new AssertionError(BASE + " has no " + kind + " " + name));
	}

	/** The first container of a Deployment. */
	static Map<String, Object> container(String deployment) {
		return Repo.map(
				Repo.list(Repo.at(get("Deployment", deployment), "spec", "template", "spec").get("containers")).get(0));
	}

	/**
	 * A container's env entries by name (each with {@code value} or {@code valueFrom}).
	 */
	static Map<String, Map<String, Object>> env(String deployment) {
		Map<String, Map<String, Object>> env = new java.util.LinkedHashMap<>();
		for (Object entry : Repo.list(container(deployment).get("env"))) {
			env.put(String.valueOf(Repo.map(entry).get("name")), Repo.map(entry));
		}
		return env;
	}

	static int containerPort(String deployment, String portName) {
		return Repo.list(container(deployment).get("ports"))
			.stream()
			.map(Repo::map)
			.filter((port) -> portName.equals(port.get("name")))
			.map((port) -> ((Number) port.get("containerPort")).intValue())
			.findFirst()
			.orElseThrow(() -> new AssertionError(deployment + " has no port named " + portName));
	}

}
