package com.xorstack.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * A service's classes loaded, linked and ready to map, kept between runs in an
 * ahead-of-time cache (JDK 25: JEPs 483 and 514). The cache holds only classes loaded
 * from plain jars on the class path, not from the jars nested in a Boot exec jar, so the
 * exec jar is first extracted (Spring Boot's jarmode tools) into the cache directory,
 * once per built jar. A training start records which classes load
 * ({@code -XX:AOTMode=record}) and the cache is assembled from that record
 * ({@code -XX:AOTMode=create}); every later start maps it.
 * <p>
 * The OpenTelemetry agent rewrites classes as they load, which the JDK refuses to cache,
 * and appending its jar to the boot class path at run time would invalidate the cache.
 * So, as the agent's maintainers describe (opentelemetry-java-instrumentation#20001), its
 * jar is on the boot class path from the command line in every phase, training and
 * assembly run without {@code -javaagent}, and only real starts add it.
 */
final class AotCache {

	/** {@code on} (what {@code ./xorstack up} and benchmarks set) or {@code off}. */
	static final String SETTING = "XORSTACK_AOT_CACHE";

	static final int MINIMUM_JDK = 25;

	private static final Duration ASSEMBLY_TIMEOUT = Duration.ofMinutes(5);

	private final Path jar;

	private final Path configuration;

	private final Path cache;

	private final List<String> bootClassPath;

	private AotCache(Path entry, String jarName, @Nullable Path otelAgent) {
		this.jar = entry.resolve("app").resolve(jarName);
		this.configuration = entry.resolve("app.aotconf");
		this.cache = entry.resolve("app.aot");
		this.bootClassPath = (otelAgent != null)
				? List.of("--add-modules=java.instrument", "-Xbootclasspath/a:" + otelAgent.toAbsolutePath())
				: List.of();
	}

	/**
	 * The cache of {@code execJar}, extracted if need be; {@code null} when turned off or
	 * the JDK is older than 25.
	 */
	static @Nullable AotCache of(Map<String, String> environment, JavaRuntime java, Path execJar,
			@Nullable Path otelAgent) {
		if (!"on".equalsIgnoreCase(environment.getOrDefault(SETTING, "off").strip()) || java.version() < MINIMUM_JDK) {
			return null;
		}
		String jarName = execJar.getFileName().toString();
		String family = "aot-" + jarName.replaceFirst("\\.jar$", "") + "-" + hash(execJar.toAbsolutePath().toString());
		String name = family + "-" + hash(state(execJar) + java.home() + otelAgent);
		Path entry = Cache.directory(name, (dir) -> extract(java, execJar, dir.resolve("app")));
		prune(family, name);
		return new AotCache(entry, jarName, otelAgent);
	}

	boolean trained() {
		return Files.isRegularFile(this.cache);
	}

	/** The rest of a training start's command, after the JVM options. */
	List<String> training() {
		List<String> arguments = new ArrayList<>(
				List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + this.configuration));
		arguments.addAll(this.bootClassPath);
		arguments.addAll(List.of("-jar", this.jar.toString()));
		return arguments;
	}

	/**
	 * Builds the cache from the training's record, with the same JVM options, into place
	 * at once: a start never maps half a cache.
	 */
	void assemble(JavaRuntime java, List<String> jvmOptions, Path log) {
		Path building = this.cache.resolveSibling("app.aot.tmp");
		List<String> command = new ArrayList<>(List.of(java.java().toString()));
		command.addAll(jvmOptions);
		command.addAll(List.of("-XX:AOTMode=create", "-XX:AOTConfiguration=" + this.configuration,
				"-XX:AOTCache=" + building, "-XX:+DisableAttachMechanism"));
		command.addAll(this.bootClassPath);
		command.addAll(List.of("-jar", this.jar.toString()));
		ChildProcess.start("AOT cache of " + this.jar.getFileName(), command, Map.of(), log)
			.awaitSuccess(ASSEMBLY_TIMEOUT);
		try {
			Files.move(building, this.cache, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			throw new DevStackException("Cannot move " + building + " into place: " + ex.getMessage(), ex);
		}
	}

	/** The rest of a start's command with the cache, after the JVM options. */
	List<String> run(@Nullable String javaAgentArgument) {
		List<String> arguments = new ArrayList<>(List.of("-XX:AOTCache=" + this.cache));
		arguments.addAll(this.bootClassPath);
		if (javaAgentArgument != null) {
			arguments.add(javaAgentArgument);
		}
		arguments.addAll(List.of("-jar", this.jar.toString()));
		return arguments;
	}

	private static void extract(JavaRuntime java, Path execJar, Path destination) throws IOException {
		Path log = destination.resolveSibling("extract.log");
		List<String> command = List.of(java.java().toString(), "-Djarmode=tools", "-jar", execJar.toString(), "extract",
				"--destination", destination.toString());
		ChildProcess.start("extract " + execJar.getFileName(), command, Map.of(), log)
			.awaitSuccess(Duration.ofMinutes(5));
	}

	/**
	 * Entries of older builds of the same jar: a rebuild makes a new one, and the old one
	 * (about 80 MB extracted, 100 MB of cache) would only take space.
	 */
	private static void prune(String family, String current) {
		try (Stream<Path> entries = Files.list(Cache.root())) {
			entries.filter((entry) -> entry.getFileName().toString().startsWith(family + "-"))
				.filter((entry) -> !entry.getFileName().toString().startsWith(current))
				.filter(Files::isDirectory)
				.forEach(Cache::delete);
		}
		catch (IOException ex) {
			// best effort: an old entry costs disk space, nothing else
		}
	}

	private static String state(Path jar) {
		try {
			return Files.size(jar) + "@" + Files.getLastModifiedTime(jar).toMillis();
		}
		catch (IOException ex) {
			throw new DevStackException("Cannot read " + jar + ": " + ex.getMessage(), ex);
		}
	}

	private static String hash(String text) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 6);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
