package com.xorstack.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * A JDK of version 21 or later for the child JVMs: Keycloak 26 and the services need it,
 * while the machine's default {@code java} may be older. The xorstack script looks in the
 * same places in the same order.
 */
record JavaRuntime(Path home, int version) {

	static final int MINIMUM = 21;

	private static final Path JVM_DIR = Path.of("/usr/lib/jvm");

	static JavaRuntime find() {
		return current().or(() -> fromJavaHome(System.getenv("JAVA_HOME")))
			.or(JavaRuntime::scanJvmDir)
			.orElseThrow(() -> new DevStackException(
					"No JDK " + MINIMUM + "+ found (this JVM is " + Runtime.version().feature() + ", JAVA_HOME="
							+ System.getenv("JAVA_HOME") + ", nothing in " + JVM_DIR
							+ "): install one, e.g. apt-get install openjdk-21-jdk-headless, and set JAVA_HOME to it"));
	}

	Path java() {
		return this.home.resolve("bin").resolve("java");
	}

	private static Optional<JavaRuntime> current() {
		int version = Runtime.version().feature();
		return (version >= MINIMUM) ? Optional.of(new JavaRuntime(Path.of(System.getProperty("java.home")), version))
				: Optional.empty();
	}

	private static Optional<JavaRuntime> fromJavaHome(@Nullable String javaHome) {
		return (javaHome == null || javaHome.isBlank()) ? Optional.empty() : of(Path.of(javaHome));
	}

	private static Optional<JavaRuntime> scanJvmDir() {
		if (!Files.isDirectory(JVM_DIR)) {
			return Optional.empty();
		}
		try (Stream<Path> homes = Files.list(JVM_DIR)) {
			return homes.map(JavaRuntime::of)
				.flatMap(Optional::stream)
				.max(Comparator.comparingInt(JavaRuntime::version));
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/** A JDK's {@code release} file names its version without starting it. */
	static Optional<JavaRuntime> of(Path home) {
		Path release = home.resolve("release");
		if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin/java"))) {
			return Optional.empty();
		}
		Properties properties = new Properties();
		try (InputStream in = Files.newInputStream(release)) {
			properties.load(in);
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		String version = properties.getProperty("JAVA_VERSION", "").replace("\"", "");
		int feature = feature(version);
		return (feature >= MINIMUM) ? Optional.of(new JavaRuntime(home.toAbsolutePath(), feature)) : Optional.empty();
	}

	private static int feature(String version) {
		String first = version.split("[.+-]", 2)[0];
		try {
			int feature = Integer.parseInt(first);
			// Java 8 and older spell themselves 1.8
			return (feature == 1) ? 8 : feature;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

}
