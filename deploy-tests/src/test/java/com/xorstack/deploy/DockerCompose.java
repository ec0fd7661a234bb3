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

	/**
	 * The secrets that docker-compose.yml requires, with no default, as an operator's
	 * {@code .env} would set them.
	 */
	static final Map<String, String> REQUIRED_SECRETS = Map.ofEntries(
			Map.entry("REDIS_PASSWORD", "redis-password-of-the-test"),
			Map.entry("XORSTACK_CONSOLE_SESSION_KEY", "c2Vzc2lvbi1rZXktb2YtdGhlLXRlc3QtMzItYnl0ZXM="),
			Map.entry("KAFKA_ADMIN_PASSWORD", "kafka-admin-of-the-test"),
			Map.entry("KAFKA_FEEDBACK_PASSWORD", "kafka-feedback-of-the-test"),
			Map.entry("KAFKA_METRICS_PASSWORD", "kafka-metrics-of-the-test"),
			Map.entry("KAFKA_AILOG_PASSWORD", "kafka-ailog-of-the-test"),
			Map.entry("KAFKA_AUTH_PASSWORD", "kafka-auth-of-the-test"),
			Map.entry("KAFKA_GATEWAY_PASSWORD", "kafka-gateway-of-the-test"),
			Map.entry("KAFKA_EDGE_PASSWORD", "kafka-edge-of-the-test"),
			Map.entry("AUDIT_CHAIN_KEY", "audit-chain-key-of-the-test-at-least-32-characters"));

	static synchronized Map<String, Object> resolved() {
		if (resolved == null) {
			resolved = Repo.yamlDocuments(config(REQUIRED_SECRETS)).get(0);
		}
		return resolved;
	}

	/** {@code docker-compose config} with these variables set, and no others of ours. */
	static String config(Map<String, String> environment) {
		String binary = run(List.of("bash", Repo.path("deploy/tools/ensure-docker-compose.sh").toString()), Map.of(),
				600)
			.strip();
		return run(List.of(binary, "--file", Repo.path("docker-compose.yml").toString(), "config"), environment, 120);
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
