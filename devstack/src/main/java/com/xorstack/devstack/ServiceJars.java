package com.xorstack.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The services' runnable jars as the build leaves them:
 * {@code <module>/target/<module>-<version>-exec.jar}. The version is
 * {@code -Dxorstack.version} when given, else whichever exec jar is newest.
 */
final class ServiceJars {

	static final String VERSION_PROPERTY = "xorstack.version";

	private ServiceJars() {
	}

	/**
	 * All of them, or one error that names every missing jar and the command that builds
	 * them.
	 */
	static Map<Service, Path> find(Path repoRoot) {
		Map<Service, Path> jars = new EnumMap<>(Service.class);
		List<String> missing = new java.util.ArrayList<>();
		for (Service service : Service.values()) {
			Path target = repoRoot.resolve(service.module()).resolve("target");
			jar(target, service.module()).ifPresentOrElse((jar) -> jars.put(service, jar),
					() -> missing.add(target.resolve(service.module() + "-*-exec.jar").toString()));
		}
		if (!missing.isEmpty()) {
			throw new DevStackException("Missing " + String.join(", ", missing)
					+ ": build them first with ./mvnw -DskipTests package (./xorstack up does)");
		}
		return jars;
	}

	private static Optional<Path> jar(Path target, String module) {
		String version = System.getProperty(VERSION_PROPERTY);
		if (version != null && !version.isBlank()) {
			return Optional.of(target.resolve(module + "-" + version + "-exec.jar")).filter(Files::isRegularFile);
		}
		if (!Files.isDirectory(target)) {
			return Optional.empty();
		}
		try (Stream<Path> files = Files.list(target)) {
			return files.filter((file) -> file.getFileName().toString().startsWith(module + "-"))
				.filter((file) -> file.getFileName().toString().endsWith("-exec.jar"))
				.max(Comparator.comparing(ServiceJars::modified));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	private static long modified(Path file) {
		try {
			return Files.getLastModifiedTime(file).toMillis();
		}
		catch (IOException ex) {
			return 0;
		}
	}

}
