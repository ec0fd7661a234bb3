package com.xorstack.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The Kustomize overlays under deploy/k8s/overlays as {@code kubectl kustomize} renders
 * them (no cluster needed): what {@code kubectl apply -k} would send. kubectl is
 * installed by {@code deploy/tools/ensure-kubectl.sh} when missing.
 */
final class Overlays {

	static final List<String> ALL = List.of("dev", "prod");

	private static final Map<String, List<Map<String, Object>>> RENDERED = new ConcurrentHashMap<>();

	private Overlays() {
	}

	static List<Map<String, Object>> render(String overlay) {
		return RENDERED.computeIfAbsent(overlay, (name) -> Repo
			.yamlDocuments(run(kubectl(), "kustomize", Repo.path("deploy/k8s/overlays/" + name).toString())));
	}

	static List<Map<String, Object>> ofKind(String overlay, String kind) {
		return render(overlay).stream().filter((object) -> kind.equals(object.get("kind"))).toList();
	}

	static Map<String, Object> get(String overlay, String kind, String name) {
		return ofKind(overlay, kind).stream()
			.filter((object) -> name.equals(Repo.at(object, "metadata").get("name")))
			.findFirst()
			.orElseThrow(() -> new AssertionError(overlay + " renders no " + kind + " " + name));
	}

	static String name(Map<String, Object> object) {
		return String.valueOf(Repo.at(object, "metadata").get("name"));
	}

	/** A container's env entries by name, the ConfigMap's shared ones first. */
	static Map<String, String> environment(String overlay, String deployment) {
		Map<String, String> environment = new java.util.LinkedHashMap<>();
		Repo.at(get(overlay, "ConfigMap", "xorstack-config"), "data")
			.forEach((key, value) -> environment.put(key, String.valueOf(value)));
		Map<String, Object> container = Repo.map(
				Repo.list(Repo.at(get(overlay, "Deployment", deployment), "spec", "template", "spec").get("containers"))
					.get(0));
		for (Object entry : Repo.list(container.get("env"))) {
			Map<String, Object> variable = Repo.map(entry);
			if (variable.containsKey("value")) {
				environment.put(String.valueOf(variable.get("name")), String.valueOf(variable.get("value")));
			}
		}
		return environment;
	}

	private static String kubectl() {
		return run("bash", Repo.path("deploy/tools/ensure-kubectl.sh").toString()).strip();
	}

	private static String run(String... command) {
		try {
			Path errors = Files.createTempFile("overlays", ".err");
			try {
				Process process = new ProcessBuilder(command).directory(Repo.ROOT.toFile())
					.redirectError(errors.toFile())
					.start();
				process.getOutputStream().close();
				String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
				if (!process.waitFor(300, TimeUnit.SECONDS)) {
					process.destroyForcibly();
					throw new AssertionError(String.join(" ", command) + " did not finish in 300 s");
				}
				if (process.exitValue() != 0) {
					throw new AssertionError(String.join(" ", command) + " failed:\n" + Files.readString(errors));
				}
				return out;
			}
			finally {
				Files.deleteIfExists(errors);
			}
		}
		catch (IOException ex) {
			throw new AssertionError("Could not run " + String.join(" ", command), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError(ex);
		}
	}

}
