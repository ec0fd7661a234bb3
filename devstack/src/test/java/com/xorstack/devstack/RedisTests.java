package com.xorstack.devstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The stack's own Redis, attacked from loopback: without the gateway's password nothing
 * can be read, and with it nothing beyond the gateway's keys and commands.
 */
class RedisTests {

	private static final String SESSION = "xorstack:console:sessions:some-session";

	@TempDir
	static Path workDir;

	static RedisServer server;

	@BeforeAll
	static void start() {
		server = RedisServer.start(RedisServer.find().orElseThrow(), workDir, Ports.free());
	}

	@AfterAll
	static void stop() {
		server.close();
	}

	@Test
	void aClientWithoutPasswordIsRefusedAndCannotReadSessions() throws IOException {
		try (RespConnection redis = connect()) {
			assertThat(code(redis.command("HGETALL", SESSION))).isEqualTo("NOAUTH");
			assertThat(code(redis.command("KEYS", "*"))).isEqualTo("NOAUTH");
			assertThat(code(redis.command("PING"))).isEqualTo("NOAUTH");
		}
	}

	@Test
	void theDefaultUserIsOffWhateverThePassword() throws IOException {
		try (RespConnection redis = connect()) {
			assertThat(code(redis.command("AUTH", "default", ""))).isEqualTo("WRONGPASS");
			assertThat(code(redis.command("AUTH", "default", server.password()))).isEqualTo("WRONGPASS");
			// AUTH with one argument is the default user's
			assertThat(code(redis.command("AUTH", server.password()))).isEqualTo("WRONGPASS");
			assertThat(code(redis.command("HGETALL", SESSION))).isEqualTo("NOAUTH");
		}
	}

	@Test
	void theGatewayUserNeedsItsPassword() throws IOException {
		try (RespConnection redis = connect()) {
			assertThat(code(redis.command("AUTH", RedisServer.USER, server.password() + "x"))).isEqualTo("WRONGPASS");
			assertThat(code(redis.command("HGETALL", SESSION))).isEqualTo("NOAUTH");
		}
	}

	@Test
	void theGatewayMayKeepSessionsAndRateLimitsButNothingElse() throws IOException {
		try (RespConnection redis = signedIn()) {
			assertThat(redis.command("HSET", SESSION, "creationTime", "1")).isEqualTo(1L);
			assertThat(redis.command("PEXPIRE", SESSION, "60000")).isEqualTo(1L);
			assertThat(redis.command("RENAME", SESSION, SESSION + "-renamed")).isEqualTo("OK");
			assertThat(redis.command("HGETALL", SESSION + "-renamed")).isEqualTo(List.of("creationTime", "1"));
			assertThat(redis.command("DEL", SESSION + "-renamed")).isEqualTo(1L);
			assertThat(redis.command("EVAL", "return redis.call('HSET', KEYS[1], 'tokens', 1)", "1",
					"xorstack:rate:caller"))
				.isEqualTo(1L);
			assertThat(redis.command("INFO", "server")).asString().contains("redis_version");

			assertThat(code(redis.command("EVAL", "return redis.call('GET', KEYS[1])", "1", "other:key")))
				.isEqualTo("NOPERM");
			assertThat(code(redis.command("GET", "other:key"))).isEqualTo("NOPERM");
			for (String[] command : List.of(new String[] { "KEYS", "*" }, new String[] { "FLUSHALL" },
					new String[] { "FLUSHDB" }, new String[] { "CONFIG", "GET", "*" }, new String[] { "SCAN", "0" },
					new String[] { "ACL", "LIST" }, new String[] { "SUBSCRIBE", "channel" },
					new String[] { "SHUTDOWN" }, new String[] { "MONITOR" })) {
				assertThat(code(redis.command(command))).as(String.join(" ", command)).isEqualTo("NOPERM");
			}
			// Redis 7 refuses DEBUG to everyone (enable-debug-command no) before it
			// checks the ACL
			assertThat(code(redis.command("DEBUG", "SLEEP", "0"))).isIn("NOPERM", "ERR");
		}
	}

	@Test
	void theServerKeepsItsFilesInTheWorkDirectoryAndSavesNothing() throws IOException {
		try (RespConnection redis = signedIn()) {
			redis.command("HSET", SESSION + "-kept", "creationTime", "1");
		}
		try (var files = Files.list(workDir.resolve("redis"))) {
			assertThat(files.map((file) -> file.getFileName().toString())).containsExactlyInAnyOrder("redis.conf",
					"users.acl");
		}
		assertThat(Files.getPosixFilePermissions(workDir.resolve("redis/users.acl"))).map(Object::toString)
			.containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
	}

	@Test
	void closeStopsTheServer() throws IOException {
		RedisServer another = RedisServer.start(RedisServer.find().orElseThrow(), workDir.resolve("another"),
				Ports.free());
		ProcessHandle process = ProcessHandle.of(another.pid()).orElseThrow();
		another.close();
		assertThat(process.isAlive()).isFalse();
		assertThat(Redis.answersPing("127.0.0.1", another.port(), RedisServer.USER, another.password())).isFalse();
	}

	@Test
	void externalRedisIsProbedWithItsCredentials() {
		assertThat(Redis.probe("127.0.0.1", server.port(), RedisServer.USER, server.password()).available()).isTrue();
		assertThat(Redis.probe("127.0.0.1", server.port(), null, null).available()).isFalse();
		assertThat(Redis.probe("127.0.0.1", server.port(), "default", "").available()).isFalse();
	}

	@Test
	void portWithoutRedisIsReportedUnavailable() {
		assertThat(Redis.probe("127.0.0.1", Ports.free(), null, null).available()).isFalse();
	}

	@Test
	void serverThatIsNotRedisIsReportedUnavailable() {
		// PostgreSQL accepts the connection but does not answer PING with +PONG
		assertThat(Redis.probe("127.0.0.1", 5432, null, null).available()).isFalse();
	}

	@Test
	void withoutAnExternalRedisTheStackStartsItsOwnOnAFreePort() {
		DevStackSettings settings = DevStackSettings.fromEnvironment(Map.of());
		assertThat(settings.ownRedis()).isTrue();
		assertThat(settings.redisPort()).isZero();
		DevStackSettings external = DevStackSettings.fromEnvironment(Map.of(DevStackSettings.REDIS_HOST, "cache"));
		assertThat(external.ownRedis()).isFalse();
		assertThat(external.redisPort()).isEqualTo(6379);
		assertThat(external.withFreePorts().redisPort()).isEqualTo(6379);
	}

	private static RespConnection connect() throws IOException {
		return RespConnection.open("127.0.0.1", server.port());
	}

	private static RespConnection signedIn() throws IOException {
		RespConnection redis = connect();
		assertThat(redis.command("AUTH", RedisServer.USER, server.password())).isEqualTo("OK");
		return redis;
	}

	private static String code(Object reply) {
		assertThat(reply).isInstanceOf(RespConnection.Error.class);
		return ((RespConnection.Error) reply).code();
	}

}
