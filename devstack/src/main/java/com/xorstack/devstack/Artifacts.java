package com.xorstack.devstack;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Where the build of devstack-artifacts put the Kafka jars, the Keycloak distribution,
 * the OpenTelemetry Java agent, S3Mock and the Zipkin server. Maven resolves them so that
 * nothing is downloaded at run time; they stay off this classpath because they only ever
 * run in child JVMs.
 */
record Artifacts(String kafkaVersion, List<Path> kafkaClasspath, String keycloakVersion, Path keycloakDist,
		String otelAgentVersion, Path otelAgent, String s3MockVersion, Path s3MockJar, Path zipkinServer) {

	private static final String RESOURCE = "/com/xorstack/devstack/artifacts.properties";

	static Artifacts load() {
		Properties properties = new Properties();
		try (InputStream in = Artifacts.class.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				throw new DevStackException(RESOURCE + " is not on the classpath: build devstack-artifacts first "
						+ "(./mvnw -pl devstack -am package)");
			}
			properties.load(in);
		}
		catch (IOException ex) {
			throw new DevStackException("Cannot read " + RESOURCE + ": " + ex.getMessage(), ex);
		}
		List<Path> classpath = Stream.of(property(properties, "kafka.classpath").split(File.pathSeparator))
			.map(Path::of)
			.toList();
		return new Artifacts(property(properties, "kafka.version"), classpath, property(properties, "keycloak.version"),
				Path.of(property(properties, "keycloak.dist")), property(properties, "otel.agent.version"),
				Path.of(property(properties, "otel.agent")), property(properties, "s3mock.version"),
				Path.of(property(properties, "s3mock.jar")), Path.of(property(properties, "zipkin.server")));
	}

	private static String property(Properties properties, String key) {
		String value = properties.getProperty(key, "");
		if (value.isBlank() || value.startsWith("@")) {
			throw new DevStackException(RESOURCE + " has no " + key + ": rebuild devstack-artifacts");
		}
		return value;
	}

	/**
	 * The path is recorded at build time; a cleaned local Maven repository would
	 * otherwise show up later as a ClassNotFoundException in a child's log.
	 */
	static Path existing(Path artifact) {
		if (!Files.isRegularFile(artifact)) {
			throw new DevStackException(artifact + " is missing from the local Maven repository: "
					+ "run ./mvnw -pl devstack -am package to fetch it again");
		}
		return artifact;
	}

}
