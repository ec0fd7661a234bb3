package com.xorstack.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Node.js example of this checkout ({@code examples/<name>}), installed with
 * {@code npm ci} from its lock file and run with {@code npm start}. Node 20 or newer and
 * npm must be on the PATH: without them a test fails saying so, it is never skipped.
 */
final class NodeExample {

	private static final Pattern MAJOR = Pattern.compile("^v(\\d+)\\.");

	private final Path dir;

	private final Path logs;

	private NodeExample(Path dir, Path logs) {
		this.dir = dir;
		this.logs = logs;
	}

	/** Checks node and npm, then runs {@code npm ci} in the example's directory. */
	static NodeExample install(String name) {
		Path root = Path.of(System.getProperty("xorstack.root", "..")).toAbsolutePath().normalize();
		Path dir = root.resolve("examples").resolve(name);
		if (!Files.isRegularFile(dir.resolve("package-lock.json"))) {
			throw new AssertionError(dir + " has no package-lock.json");
		}
		Path logs = Path.of("target", "node-examples", name).toAbsolutePath();
		NodeExample example = new NodeExample(dir, logs);
		String version = example.tool(List.of("node", "--version")).strip();
		Matcher major = MAJOR.matcher(version);
		if (!major.find() || Integer.parseInt(major.group(1)) < 20) {
			throw new AssertionError(
					"The edge-function example needs Node.js 20 or newer; node --version says " + version);
		}
		example.tool(List.of("npm", "--version"));
		example.run("npm-ci", List.of("npm", "ci", "--no-audit", "--no-fund"), Map.of(), 600);
		return example;
	}

	/** {@code npm start} with these variables; its standard output. */
	String start(String label, Map<String, String> environment) {
		return run(label, List.of("npm", "start", "--silent"), environment, 180);
	}

	private String tool(List<String> command) {
		try {
			return run(command.get(0) + "-version", command, Map.of(), 60);
		}
		catch (UncheckedIOException ex) {
			throw new AssertionError(command.get(0) + " is not on the PATH: the edge-function example test needs "
					+ "Node.js 20 or newer and npm (CI machines have both); install them, e.g. apt-get install "
					+ "nodejs npm", ex);
		}
	}

	private String run(String label, List<String> command, Map<String, String> environment, long timeoutSeconds) {
		try {
			Files.createDirectories(this.logs);
			Path out = this.logs.resolve(label + ".out");
			Path err = this.logs.resolve(label + ".err");
			ProcessBuilder builder = new ProcessBuilder(command).directory(this.dir.toFile())
				.redirectOutput(out.toFile())
				.redirectError(err.toFile());
			builder.environment().putAll(environment);
			Process process = builder.start();
			process.getOutputStream().close();
			if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new AssertionError(String.join(" ", command) + " did not finish in " + timeoutSeconds
						+ " s; its output is in " + this.logs);
			}
			String stdout = Files.readString(out, StandardCharsets.UTF_8);
			if (process.exitValue() != 0) {
				throw new AssertionError(String.join(" ", command) + " failed with exit code " + process.exitValue()
						+ ":\n" + Files.readString(err, StandardCharsets.UTF_8) + stdout);
			}
			return stdout;
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
