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
 * so the checks see what a {@code docker-compose up} would run; alone (production) or
 * with the development override docker-compose.dev.yml. Debian's docker-compose is
 * installed by {@code deploy/tools/ensure-docker-compose.sh} when missing; failing that,
 * every test of it fails with the reason.
 */
final class DockerCompose {

	static final List<String> PRODUCTION = List.of("docker-compose.yml");

	static final List<String> DEVELOPMENT = List.of("docker-compose.yml", "docker-compose.dev.yml");

	private static Map<String, Object> resolved;

	private static Map<String, Object> resolvedDevelopment;

	private DockerCompose() {
	}

	/**
	 * Every variable docker-compose.yml requires ({@code ${VAR:?...}}), each with a
	 * made-up value of the right form.
	 */
	static final Map<String, String> REQUIRED_SECRETS = requiredVariables();

	static synchronized Map<String, Object> resolved() {
		if (resolved == null) {
			resolved = Repo.yamlDocuments(config(REQUIRED_SECRETS)).get(0);
		}
		return resolved;
	}

	/** docker-compose.yml with the development override docker-compose.dev.yml. */
	static synchronized Map<String, Object> resolvedDevelopment() {
		if (resolvedDevelopment == null) {
			resolvedDevelopment = Repo.yamlDocuments(config(DEVELOPMENT, REQUIRED_SECRETS)).get(0);
		}
		return resolvedDevelopment;
	}

	/** {@code docker-compose config} with these variables set, and no others of ours. */
	static String config(Map<String, String> environment) {
		return config(PRODUCTION, environment);
	}

	/** {@code docker-compose config} of these files, in this order. */
	static String config(List<String> files, Map<String, String> environment) {
		List<String> command = new java.util.ArrayList<>(List.of(binary()));
		for (String file : files) {
			command.addAll(List.of("--file", Repo.path(file).toString()));
		}
		command.add("config");
		return run(command, environment, 120);
	}

	static String binary() {
		return run(List.of("bash", Repo.path("deploy/tools/ensure-docker-compose.sh").toString()), Map.of(), 600)
			.strip();
	}

	static Map<String, Object> service(String name) {
		return service(resolved(), name);
	}

	static Map<String, Object> service(Map<String, Object> resolved, String name) {
		Map<String, Object> service = Repo.at(resolved, "services", name);
		if (service.isEmpty()) {
			throw new AssertionError("docker-compose.yml has no service " + name);
		}
		return service;
	}

	/** Environment variables of a service, as strings. */
	static Map<String, String> environment(String name) {
		return environment(resolved(), name);
	}

	static Map<String, String> environment(Map<String, Object> resolved, String name) {
		Map<String, String> environment = new java.util.LinkedHashMap<>();
		Repo.map(service(resolved, name).get("environment"))
			.forEach((key, value) -> environment.put(key, String.valueOf(value)));
		return environment;
	}

	/**
	 * A service's volumes as docker-compose prints them, {@code source:target[:mode]}.
	 */
	static List<String> volumes(Map<String, Object> resolved, String name) {
		return Repo.list(service(resolved, name).get("volumes")).stream().map(String::valueOf).toList();
	}

	/**
	 * A stand-in value for each variable the file requires ({@code ${NAME:?message}}, the
	 * secrets with no default), which {@code config} refuses to resolve without. The
	 * value names the variable, so that a test can see which one a setting took.
	 */
	static Map<String, String> requiredVariables() {
		Map<String, String> variables = new java.util.TreeMap<>();
		// a missing override fails the tests that use it, not every test of the file
		for (String file : DEVELOPMENT.stream()
			.filter((name) -> java.nio.file.Files.isRegularFile(Repo.path(name)))
			.toList()) {
			java.util.regex.Matcher required = java.util.regex.Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*):\\?")
				.matcher(Repo.read(file));
			while (required.find()) {
				variables.put(required.group(1), "test-" + required.group(1));
			}
		}
		// the gateway checks that the session key is 32 bytes of base64
		variables.computeIfPresent("XORSTACK_CONSOLE_SESSION_KEY",
				(name, value) -> "c2Vzc2lvbi1rZXktb2YtdGhlLXRlc3QtMzItYnl0ZXM=");
		return java.util.Collections.unmodifiableMap(variables);
	}

	/**
	 * Runs a command in the repository root; its standard output, or an error with both.
	 */
	static String run(List<String> command, Map<String, String> environment, long timeoutSeconds) {
		try {
			Path errors = java.nio.file.Files.createTempFile("deploy-tests", ".err");
			ProcessBuilder builder = new ProcessBuilder(command).directory(Repo.ROOT.toFile())
				.redirectError(errors.toFile());
			// what the shell running the build has set must not make a check pass
			REQUIRED_SECRETS.keySet().forEach(builder.environment()::remove);
			builder.environment().putAll(environment);
			Process process = builder.start();
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
