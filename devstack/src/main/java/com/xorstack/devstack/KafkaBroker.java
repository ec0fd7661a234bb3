package com.xorstack.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one JVM) run from
 * the jars that devstack-artifacts resolved, secured as in production: SASL/SCRAM-SHA-512
 * on the client listener, an ACL for everything ({@link KafkaUsers}), and SASL/PLAIN on
 * the controller listener (KRaft controllers cannot check SCRAM credentials, which live
 * in the metadata they serve). Its storage is formatted once per Kafka version into a
 * cache and copied for each run, which saves a JVM start of about 3 s each time.
 */
final class KafkaBroker implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

	private final @Nullable List<String> command;

	private final @Nullable Path log;

	private final int port;

	private volatile @Nullable ChildProcess process;

	private final KafkaUsers users;

	/** The process that owns the broker when this one does not. */
	private final SharedStackControl.@Nullable Client owner;

	private KafkaBroker(@Nullable ChildProcess process, @Nullable List<String> command, @Nullable Path log, int port,
			KafkaUsers users, SharedStackControl.@Nullable Client owner) {
		this.process = process;
		this.command = command;
		this.log = log;
		this.port = port;
		this.users = users;
		this.owner = owner;
	}

	/**
	 * A broker that another process started and keeps (the build's
	 * {@link SharedStackServer}): {@link #stop()} and {@link #restart()} ask that
	 * process, {@link #close()} leaves it running.
	 */
	static KafkaBroker ownedBy(SharedStackControl.Client owner, int port, KafkaUsers users) {
		return new KafkaBroker(null, null, null, port, users, owner);
	}

	/**
	 * Starts the broker and returns when its client port accepts connections (the broker
	 * opens it only after it has joined the quorum and been unfenced) and every user of
	 * the suite has its credential and ACLs.
	 */
	static KafkaBroker start(JavaRuntime java, Artifacts artifacts, Path workDir, int port, int controllerPort) {
		artifacts.kafkaClasspath().forEach(Artifacts::existing);
		String adminPassword = MachineSecret.get("kafka-admin.password", 24);
		Path dir = workDir.resolve("kafka");
		Path config = writeConfig(dir, port, controllerPort, adminPassword);
		Path log = workDir.resolve("logs").resolve("kafka.log");
		KafkaStorage.prepare(java, artifacts, dir, adminPassword, log);
		List<String> command = command(java, artifacts, dir, "kafka.Kafka", config.toString());
		ChildProcess process = launch(command, log, port);
		KafkaBroker broker = new KafkaBroker(process, command, log, port,
				new KafkaUsers("127.0.0.1:" + port, adminPassword), null);
		try {
			broker.users.create();
		}
		catch (RuntimeException ex) {
			broker.close();
			throw ex;
		}
		return broker;
	}

	private static ChildProcess launch(List<String> command, Path log, int port) {
		ChildProcess process = ChildProcess.start("Kafka", command, Map.of(), log);
		return process.awaitReady(START_TIMEOUT, () -> Ports.isOpen("127.0.0.1", port));
	}

	/**
	 * Stops the broker but keeps its data, so that {@link #restart()} brings back the
	 * same topics and records: tests of clients that must survive an outage use it.
	 */
	synchronized void stop() {
		if (this.owner != null) {
			this.owner.send(SharedStackControl.STOP_KAFKA);
		}
		else if (this.process != null) {
			this.process.close();
		}
	}

	/** Starts a stopped broker again on the same ports with the same data. */
	synchronized void restart() {
		if (this.owner != null) {
			this.owner.send(SharedStackControl.START_KAFKA);
		}
		else if (this.process != null && !this.process.isAlive() && this.command != null && this.log != null) {
			this.process = launch(this.command, this.log, this.port);
		}
	}

	/** A JVM on the Kafka classpath, logging as configured in {@code dir}. */
	static List<String> command(JavaRuntime java, Artifacts artifacts, Path dir, String... mainAndArguments) {
		List<String> command = new ArrayList<>(List.of(java.java().toString(), "-Xms64m", "-Xmx512m",
				"-XX:+UseSerialGC", "-Dlog4j2.configurationFile=" + dir.resolve("log4j2.properties"), "-cp",
				String.join(":", artifacts.kafkaClasspath().stream().map(Path::toString).toList())));
		command.addAll(List.of(mainAndArguments));
		return command;
	}

	private static Path writeConfig(Path dir, int port, int controllerPort, String adminPassword) {
		String server = """
				process.roles=broker,controller
				node.id=1
				controller.quorum.voters=1@127.0.0.1:%2$d
				listeners=SASL_PLAINTEXT://127.0.0.1:%1$d,CONTROLLER://127.0.0.1:%2$d
				advertised.listeners=SASL_PLAINTEXT://127.0.0.1:%1$d
				controller.listener.names=CONTROLLER
				inter.broker.listener.name=SASL_PLAINTEXT
				listener.security.protocol.map=SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:SASL_PLAINTEXT
				sasl.enabled.mechanisms=SCRAM-SHA-512
				sasl.mechanism.inter.broker.protocol=SCRAM-SHA-512
				listener.name.sasl_plaintext.scram-sha-512.sasl.jaas.config=%4$s
				sasl.mechanism.controller.protocol=PLAIN
				listener.name.controller.sasl.enabled.mechanisms=PLAIN
				listener.name.controller.plain.sasl.jaas.config=%5$s
				authorizer.class.name=org.apache.kafka.metadata.authorizer.StandardAuthorizer
				super.users=User:%6$s
				allow.everyone.if.no.acl.found=false
				log.dirs=%3$s
				num.partitions=2
				auto.create.topics.enable=true
				offsets.topic.replication.factor=1
				transaction.state.log.replication.factor=1
				transaction.state.log.min.isr=1
				share.coordinator.state.topic.replication.factor=1
				share.coordinator.state.topic.min.isr=1
				group.initial.rebalance.delay.ms=0
				""".formatted(port, controllerPort, dir.resolve("data"),
				KafkaUsers.jaasConfig(KafkaUsers.MECHANISM, KafkaUsers.ADMIN, adminPassword),
				KafkaUsers.jaasConfig("PLAIN", KafkaUsers.ADMIN, adminPassword)
					.replace(";", " user_" + KafkaUsers.ADMIN + "=\"" + adminPassword + "\";"),
				KafkaUsers.ADMIN);
		// INFO for the lifecycle, without the configuration dump of each client
		String log4j = """
				appender.out.type=Console
				appender.out.name=out
				appender.out.layout.type=PatternLayout
				appender.out.layout.pattern=[%d] %p %m (%c)%n
				rootLogger.level=INFO
				rootLogger.appenderRef.out.ref=out
				logger.config.name=org.apache.kafka.common.config.AbstractConfig
				logger.config.level=WARN
				""";
		try {
			Files.createDirectories(dir);
			Files.writeString(dir.resolve("log4j2.properties"), log4j);
			return Files.writeString(dir.resolve("server.properties"), server);
		}
		catch (IOException ex) {
			throw new DevStackException("Cannot write the Kafka configuration in " + dir + ": " + ex.getMessage(), ex);
		}
	}

	KafkaUsers users() {
		return this.users;
	}

	String bootstrapServers() {
		return "127.0.0.1:" + this.port;
	}

	int port() {
		return this.port;
	}

	/** The broker's process id; {@code -1} when another process owns it. */
	long pid() {
		ChildProcess current = this.process;
		return (current != null) ? current.pid() : -1;
	}

	@Override
	public void close() {
		ChildProcess current = this.process;
		if (current != null) {
			current.close();
		}
	}

	@Override
	public String toString() {
		return "Kafka at " + bootstrapServers();
	}

}
