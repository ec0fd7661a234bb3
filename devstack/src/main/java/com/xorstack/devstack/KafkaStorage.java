package com.xorstack.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Formatted KRaft storage for a single node with static quorum voters. What
 * {@code format} writes (cluster id, node id, feature levels, the SCRAM credential of the
 * administrator {@link KafkaUsers#ADMIN}) does not depend on ports or paths, so one
 * formatted copy per Kafka version and administrator password serves every run.
 */
final class KafkaStorage {

	private static final Duration FORMAT_TIMEOUT = Duration.ofSeconds(60);

	private KafkaStorage() {
	}

	/**
	 * Copies formatted storage into {@code kafkaDir/data}, formatting it first if not
	 * cached.
	 */
	static void prepare(JavaRuntime java, Artifacts artifacts, Path kafkaDir, String adminPassword, Path log) {
		Path formatted = Cache.directory(
				"kafka-" + artifacts.kafkaVersion() + "-storage-" + KafkaUsers.fingerprint(adminPassword),
				(empty) -> format(java, artifacts, kafkaDir, empty, adminPassword, log));
		Cache.copy(formatted, kafkaDir.resolve("data"));
	}

	private static void format(JavaRuntime java, Artifacts artifacts, Path kafkaDir, Path dataDir, String adminPassword,
			Path log) throws IOException {
		Path config = Files.writeString(kafkaDir.resolve("format.properties"), """
				process.roles=broker,controller
				node.id=1
				controller.quorum.voters=1@127.0.0.1:9093
				controller.listener.names=CONTROLLER
				listeners=PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093
				log.dirs=%s
				""".formatted(dataDir));
		List<String> command = KafkaBroker.command(java, artifacts, kafkaDir, "kafka.tools.StorageTool", "format", "-t",
				clusterId(), "-c", config.toString(), "--add-scram",
				KafkaUsers.MECHANISM + "=[name=" + KafkaUsers.ADMIN + ",password=" + adminPassword + "]");
		ChildProcess.start("Kafka storage format", command, Map.of(), log).awaitSuccess(FORMAT_TIMEOUT);
	}

	/**
	 * The form of Kafka's {@code Uuid}: 16 random bytes, URL-safe base64 without padding.
	 */
	static String clusterId() {
		byte[] bytes = new byte[16];
		new SecureRandom().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
