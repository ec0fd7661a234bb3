package com.xorstack.devstack;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * The Kafka, Keycloak and Redis that every test JVM of one Maven build shares, so that
 * they start once per build rather than once per module. The first test JVM that needs
 * them starts this process ({@link SharedTestStack}); it writes what the others need to
 * sign in to a state file readable by its user only, and stops everything when the Maven
 * process whose id it was given exits (a finished, failed, interrupted or killed build
 * alike). Ctrl-C reaches it too, and its shutdown hook stops the children.
 */
public final class SharedStackServer {

	private SharedStackServer() {
	}

	/**
	 * @param args the state file to write and the id of the Maven process to outlive
	 */
	public static void main(String[] args) throws IOException {
		Path stateFile = Path.of(args[0]);
		Optional<ProcessHandle> build = ProcessHandle.of(Long.parseLong(args[1]));
		if (build.isEmpty()) {
			return;
		}
		DevStack stack = DevStack.startWithoutDatabases(DevStackSettings.forTests(""));
		try (ServerSocket control = new ServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
			String token = MachineSecret.random(24);
			SharedStackControl.serve(control, token, (command) -> run(stack, command));
			write(stateFile, state(stack, build.get().pid(), control.getLocalPort(), token));
			build.get().onExit().join();
		}
		finally {
			Files.deleteIfExists(stateFile);
			stack.close();
		}
		System.exit(0);
	}

	private static void run(DevStack stack, String command) {
		switch (command) {
			case SharedStackControl.STOP_KAFKA -> stack.stopKafka();
			case SharedStackControl.START_KAFKA -> stack.startKafka();
			default -> throw new IllegalArgumentException("unknown command " + command);
		}
	}

	private static Properties state(DevStack stack, long buildPid, int controlPort, String token) {
		Properties state = new Properties();
		state.setProperty("build.pid", String.valueOf(buildPid));
		state.setProperty("server.pid", String.valueOf(ProcessHandle.current().pid()));
		state.setProperty("control.port", String.valueOf(controlPort));
		state.setProperty("control.token", token);
		state.setProperty("work-dir", stack.workDir().toString());
		KafkaBroker kafka = stack.kafka();
		KeycloakServer keycloak = stack.keycloak();
		if (kafka == null || keycloak == null) {
			throw new IllegalStateException("The shared stack starts Kafka and Keycloak");
		}
		state.setProperty("kafka.port", String.valueOf(kafka.port()));
		state.setProperty("kafka.admin.password", kafka.users().password(KafkaUsers.ADMIN));
		kafka.users().passwords().forEach((user, password) -> state.setProperty("kafka.password." + user, password));
		state.setProperty("keycloak.port", String.valueOf(keycloak.port()));
		Redis redis = stack.redis();
		state.setProperty("redis.host", redis.host());
		state.setProperty("redis.port", String.valueOf(redis.port()));
		state.setProperty("redis.available", String.valueOf(redis.available()));
		state.setProperty("redis.why", redis.why());
		if (redis.username() != null) {
			state.setProperty("redis.username", redis.username());
		}
		if (redis.password() != null) {
			state.setProperty("redis.password", redis.password());
		}
		return state;
	}

	/** Written aside and moved in place: a reader sees the whole file or none. */
	private static void write(Path stateFile, Properties state) throws IOException {
		Path written = stateFile.resolveSibling(stateFile.getFileName() + ".new");
		Files.deleteIfExists(written);
		Files.createFile(written, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		try (OutputStream out = Files.newOutputStream(written)) {
			state.store(out, "the shared test stack of Maven process " + state.getProperty("build.pid"));
		}
		Files.move(written, stateFile, StandardCopyOption.ATOMIC_MOVE);
	}

}
