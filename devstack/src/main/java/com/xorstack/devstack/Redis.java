package com.xorstack.devstack;

import java.io.IOException;

import org.jspecify.annotations.Nullable;

/**
 * The Redis of the stack and how the gateway signs in to it: the stack's own
 * {@link RedisServer}, an external one (XORSTACK_REDIS_HOST) that is only probed, or none
 * at all, and then the gateway keeps rate limits and console sessions in process.
 *
 * @param username {@code null} for a Redis without users (an external one)
 * @param why when not available, the reason, for the banner and the log
 */
record Redis(String host, int port, @Nullable String username, @Nullable String password, boolean available, String why,
		@Nullable RedisServer server) implements AutoCloseable {

	static Redis absent(String why) {
		return new Redis("127.0.0.1", 0, null, null, false, why, null);
	}

	static Redis of(RedisServer server) {
		return new Redis(server.host(), server.port(), RedisServer.USER, server.password(), true, "", server);
	}

	/** An external Redis, available if it answers PING after signing in. */
	static Redis probe(String host, int port, @Nullable String username, @Nullable String password) {
		boolean available = answersPing(host, port, username, password);
		return new Redis(host, port, username, password, available,
				available ? "" : "not answering at " + host + ":" + port + " (or refusing the credentials)", null);
	}

	static boolean answersPing(String host, int port, @Nullable String username, @Nullable String password) {
		try (RespConnection redis = RespConnection.open(host, port)) {
			if (password != null && !password.isEmpty()) {
				Object auth = (username != null && !username.isEmpty()) ? redis.command("AUTH", username, password)
						: redis.command("AUTH", password);
				if (!"OK".equals(auth)) {
					return false;
				}
			}
			return "PONG".equals(redis.command("PING"));
		}
		catch (IOException | RuntimeException ex) {
			// a server that is not Redis may answer anything, or nothing
			return false;
		}
	}

	@Override
	public void close() {
		if (this.server != null) {
			this.server.close();
		}
	}

	@Override
	public String toString() {
		return this.available ? "Redis at " + this.host + ":" + this.port : "no Redis: " + this.why;
	}

}
