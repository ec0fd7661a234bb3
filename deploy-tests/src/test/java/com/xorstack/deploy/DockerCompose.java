package com.xorstack.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * docker-compose.yml as docker-compose itself resolves it
 * ({@code docker-compose config}): anchors merged, {@code ${VAR:-default}} substituted,
 * so the checks see what a {@code docker-compose up} would run. Debian's docker-compose
 * is installed by {@code deploy/tools/ensure-docker-compose.sh} when missing; failing
 * that, every test of it fails with the reason.
 */
final class DockerCompose {

	private static Map<String, Object> resolved;

	private DockerCompose() {
	}

	static synchronized Map<String, Object> resolved() {
		if (resolved == null) {
			String binary = run(List.of("bash", Repo.path("deploy/tools/ensure-docker-compose.sh").toString()), 600)
				.strip();
			// the secrets compose requires, with made-up values (deploy-tests'
			// compose.env)
			String config = run(List.of(binary, "--env-file", Repo.path("deploy-tests/compose.env").toString(),
					"--file", Repo.path("docker-compose.yml").toString(), "config"), 120);
			resolved = Repo.yamlDocuments(config).get(0);
		}
		return resolved;
	}

	static Map<String, Object> service(String name) {
		Map<String, Object> service = Repo.at(resolved(), "services", name);
		if (service.isEmpty()) {
			throw new AssertionError("docker-compose.yml has no service " + name);
		}
		return service;
	}

	/** Environment variables of a service, as strings. */
	static Map<String, String> environment(String name) {
		Map<String, String> environment = new java.util.LinkedHashMap<>();
		Repo.map(service(name).get("environment")).forEach((key, value) -> environment.put(key, String.valueOf(value)));
		return environment;
	}

	/**
	 * Runs a command in the repository root; its standard output, or an error with both.
	 */
	static String run(List<String> command, long timeoutSeconds) {
		try {
			Path errors = java.nio.file.Files.createTempFile("deploy-tests", ".err");
			Process process = new ProcessBuilder(command).directory(Repo.ROOT.toFile())
				.redirectError(errors.toFile())
				.start();
			process.getOutputStream().close();
			String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds + " s");
			}
			String err = java.nio.file.Files.readString(errors);
			java.nio.file.Files.deleteIfExists(errors);
			if (process.exitValue() != 0) {
				throw new AssertionError(String.join(" ", command) + " failed with exit code " + process.exitValue()
						+ ":\n" + err + out);
			}
			return out;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AssertionError("Interrupted", ex);
		}
	}

}
