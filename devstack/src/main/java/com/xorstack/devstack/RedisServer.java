package com.xorstack.devstack;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stack's own Redis: the machine's {@code redis-server} on a loopback port of this
 * run, with an ACL file that switches the {@code default} user off and lets the gateway
 * sign in as {@code gateway}, with a password made for this run, to do what it does and
 * nothing else. Nothing is saved: no RDB or AOF file, and the working directory is in the
 * run's work directory.
 */
final class RedisServer implements AutoCloseable {

	static final String USER = "gateway";

	/**
	 * What the gateway does in Redis: Spring Session's reactive repository keeps a
	 * session as one hash under the console namespace (HGETALL, HSET, EXPIRE, RENAME on a
	 * new session id, DEL on sign-out), the rate limiter runs one Lua script over its
	 * buckets (EVALSHA, EVAL on a cache miss; the script's HMGET, HSET and PEXPIRE are
	 * checked against the same key patterns), and the health indicator asks INFO. No
	 * KEYS, FLUSHALL, CONFIG, DEBUG, no Pub/Sub channels and no other keys. The same
	 * rules are in docker-compose.yml and deploy/k8s/base/redis.yaml.
	 */
	static final String GATEWAY_RULES = "~xorstack:console:* ~xorstack:rate:* resetchannels -@all +ping +hello +auth"
			+ " +info +hgetall +hmget +hset +hmset +hdel +exists +expire +pexpire +persist +ttl +pttl +rename +del"
			+ " +evalsha +eval";

	private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

	private final ChildProcess process;

	private final int port;

	private final String password;

	private RedisServer(ChildProcess process, int port, String password) {
		this.process = process;
		this.port = port;
		this.password = password;
	}

	/** {@code redis-server} on the PATH, if the machine has one. */
	static Optional<Path> find() {
		String path = System.getenv("PATH");
		if (path == null) {
			return Optional.empty();
		}
		for (String directory : path.split(File.pathSeparator)) {
			Path binary = Path.of(directory, "redis-server");
			if (!directory.isEmpty() && Files.isExecutable(binary)) {
				return Optional.of(binary);
			}
		}
		return Optional.empty();
	}

	static RedisServer start(Path binary, Path workDir, int port) {
		Path dir = workDir.resolve("redis");
		String password = newPassword();
		Path config = writeConfig(dir, port, password);
		ChildProcess process = ChildProcess.start("Redis", List.of(binary.toString(), config.toString()), Map.of(),
				workDir.resolve("logs").resolve("redis.log"));
		process.awaitReady(START_TIMEOUT, () -> Redis.answersPing("127.0.0.1", port, USER, password));
		return new RedisServer(process, port, password);
	}

	private static String newPassword() {
		byte[] bytes = new byte[24];
		new SecureRandom().nextBytes(bytes);
		// URL-safe base64 has no spaces or '>': it stays one token of the ACL line
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

	private static Path writeConfig(Path dir, int port, String password) {
		String config = """
				bind 127.0.0.1
				port %d
				protected-mode yes
				daemonize no
				dir "%s"
				save ""
				appendonly no
				aclfile "%s"
				""".formatted(port, dir, dir.resolve("users.acl"));
		String acl = """
				user default off
				user %s on >%s %s
				""".formatted(USER, password, GATEWAY_RULES);
		try {
			Files.createDirectories(dir);
			Files.writeString(ownerOnly(dir.resolve("users.acl")), acl);
			return Files.writeString(ownerOnly(dir.resolve("redis.conf")), config);
		}
		catch (IOException ex) {
			throw new DevStackException("Cannot write the Redis configuration in " + dir + ": " + ex.getMessage(), ex);
		}
	}

	private static Path ownerOnly(Path file) throws IOException {
		if (!Files.exists(file)) {
			Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
		}
		return file;
	}

	String host() {
		return "127.0.0.1";
	}

	int port() {
		return this.port;
	}

	String password() {
		return this.password;
	}

	long pid() {
		return this.process.pid();
	}

	@Override
	public void close() {
		this.process.close();
	}

	@Override
	public String toString() {
		return "Redis at 127.0.0.1:" + this.port;
	}

}
