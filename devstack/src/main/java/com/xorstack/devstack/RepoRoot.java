package com.xorstack.devstack;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The repository checkout: where the realm file and the services' jars are. The xorstack
 * script says so with {@code -Dxorstack.root}; tests run inside it, so walking up finds
 * it.
 */
final class RepoRoot {

	static final String PROPERTY = "xorstack.root";

	private RepoRoot() {
	}

	static Path find() {
		String configured = System.getProperty(PROPERTY);
		if (configured != null && !configured.isBlank()) {
			return Path.of(configured).toAbsolutePath();
		}
		Path start = Path.of("").toAbsolutePath();
		for (Path dir = start; dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("deploy"))) {
				return dir;
			}
		}
		throw new DevStackException("No Xorstack checkout (a directory with mvnw and deploy/) above " + start
				+ ": run from inside it or pass -D" + PROPERTY + "=<path>");
	}

}
