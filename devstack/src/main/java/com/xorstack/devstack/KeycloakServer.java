package com.xorstack.devstack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Keycloak in development mode on loopback with the realm imported, each run on its own
 * H2 database so that nothing one run changes is seen by the next. Schema creation and
 * realm import take half of a start, so they are done once per Keycloak version and realm
 * file: the database of that first start is kept in the cache and each run starts from a
 * copy of it.
 * <p>
 * With a public host, people reach it at another address than the services do, through a
 * {@link KeycloakFrontDoor}: the issuer of its tokens is then that address, and Keycloak
 * answers the back channel with its internal one ({@code hostname-backchannel-dynamic}),
 * as deployed behind an ingress.
 */
final class KeycloakServer implements AutoCloseable {

	static final String REALM = "xorstack";

	/** The development server's administrator (master realm); never a deployment's. */
	static final String ADMIN = "admin";

	static final String ADMIN_PASSWORD = "admin";

	private static final Duration START_TIMEOUT = Duration.ofSeconds(180);

	private final @Nullable ChildProcess process;

	private final int port;

	private final @Nullable KeycloakFrontDoor frontDoor;

	private KeycloakServer(@Nullable ChildProcess process, int port, @Nullable KeycloakFrontDoor frontDoor) {
		this.process = process;
		this.port = port;
		this.frontDoor = frontDoor;
	}

	/**
	 * @param publicHost the loopback address people reach Keycloak at, such as
	 * {@code 127.0.0.2}; {@code null} for the services' own
	 */
	static KeycloakServer start(JavaRuntime java, Artifacts artifacts, Path workDir, int port, Path realmFile,
			@Nullable String publicHost) {
		requireRealm(realmFile);
		Path home = KeycloakDistribution.home(artifacts);
		Path log = workDir.resolve("logs").resolve("keycloak.log");
		Path imported = importedRealm(java, artifacts, home, realmFile, log);
		Path database = workDir.resolve("keycloak");
		Cache.copy(imported, database);
		if (publicHost == null) {
			return launch(java, home, port, database, log, false, null);
		}
		KeycloakFrontDoor frontDoor = KeycloakFrontDoor.open(publicHost, URI.create(internalUrl(port)));
		try {
			return launch(java, home, port, database, log, false, frontDoor);
		}
		catch (RuntimeException ex) {
			frontDoor.close();
			throw ex;
		}
	}

	/**
	 * A Keycloak that another process started and keeps (the build's
	 * {@link SharedStackServer}); {@link #close()} leaves it running.
	 */
	static KeycloakServer ownedElsewhere(int port) {
		return new KeycloakServer(null, port, null);
	}

	static Path requireRealm(Path realmFile) {
		if (!Files.isRegularFile(realmFile)) {
			throw new DevStackException("The Keycloak realm file " + realmFile + " is missing");
		}
		return realmFile;
	}

	private static Path importedRealm(JavaRuntime java, Artifacts artifacts, Path home, Path realmFile, Path log) {
		String name = "keycloak-" + artifacts.keycloakVersion() + "-" + REALM + "-" + sha256(realmFile);
		return Cache.directory(name, (empty) -> {
			// data/import and the server build in lib/quarkus are shared by all runs
			try (Cache.Held held = Cache.lock("keycloak-" + artifacts.keycloakVersion() + "-import")) {
				Path imports = home.resolve("data").resolve("import");
				Cache.delete(imports);
				Files.createDirectories(imports);
				Files.copy(realmFile, imports.resolve(REALM + "-realm.json"));
				launch(java, home, Ports.free(), empty, log, true, null).close();
				Cache.delete(imports);
			}
		});
	}

	private static KeycloakServer launch(JavaRuntime java, Path home, int port, Path database, Path log,
			boolean importRealm, @Nullable KeycloakFrontDoor frontDoor) {
		String url = internalUrl(port);
		List<String> command = new ArrayList<>(List.of(home.resolve("bin/kc.sh").toString(), "start-dev",
				"--http-host=127.0.0.1", "--http-port=" + port,
				"--hostname=" + ((frontDoor != null) ? frontDoor.url() : url), "--db=dev-file",
				"--db-url=jdbc:h2:file:" + database.resolve("keycloakdb") + ";NON_KEYWORDS=VALUE;TRACE_LEVEL_FILE=0"));
		if (frontDoor != null) {
			command.add("--hostname-backchannel-dynamic=true");
		}
		if (importRealm) {
			command.add("--import-realm");
		}
		// Serial GC and C1 only: on two cores it starts a fifth faster in a fifth less
		// memory, and a development Keycloak is never busy enough to miss C2
		String javaOpts = String.join(" ", "-Xms64m", "-Xmx768m", "-XX:MaxMetaspaceSize=256m", "-XX:+UseSerialGC",
				"-XX:TieredStopAtLevel=1", "-XX:+ExitOnOutOfMemoryError", "-Dfile.encoding=UTF-8",
				"-Djava.security.egd=file:/dev/urandom", "--add-opens=java.base/java.lang=ALL-UNNAMED",
				"-Dquarkus.transaction-manager.object-store.directory=" + database.resolve("transaction-logs"));
		Map<String, String> environment = Map.of("JAVA_HOME", java.home().toString(), "JAVA_OPTS", javaOpts,
				"KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN, "KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
		ChildProcess process = ChildProcess.start("Keycloak", command, environment, log);
		process.awaitReady(START_TIMEOUT,
				() -> Http.ok(url + "/realms/" + REALM + "/.well-known/openid-configuration"));
		return new KeycloakServer(process, port, frontDoor);
	}

	private static String internalUrl(int port) {
		return "http://127.0.0.1:" + port;
	}

	private static String sha256(Path file) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
			return HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (IOException | NoSuchAlgorithmException ex) {
			throw new DevStackException("Cannot read " + file + ": " + ex.getMessage(), ex);
		}
	}

	/** Where the services reach it. */
	String url() {
		return internalUrl(this.port);
	}

	/** Where people reach it: the front door if there is one. */
	String publicUrl() {
		return (this.frontDoor != null) ? this.frontDoor.url() : url();
	}

	int port() {
		return this.port;
	}

	/** The server's process id; {@code -1} when another process owns it. */
	long pid() {
		return (this.process != null) ? this.process.pid() : -1;
	}

	@Override
	public void close() {
		if (this.process != null) {
			this.process.close();
		}
		if (this.frontDoor != null) {
			this.frontDoor.close();
		}
	}

	@Override
	public String toString() {
		return "Keycloak at " + url();
	}

}
