package com.xorstack.devstack;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RedisTests {

	@Test
	void redisOnItsUsualPortAnswersPing() {
		assertThat(Redis.probe("127.0.0.1", 6379).available()).isTrue();
	}

	@Test
	void portWithoutRedisIsReportedUnavailable() {
		assertThat(Redis.probe("127.0.0.1", Ports.free()).available()).isFalse();
	}

	@Test
	void serverThatIsNotRedisIsReportedUnavailable() {
		// PostgreSQL accepts the connection but does not answer PING with +PONG
		assertThat(Redis.probe("127.0.0.1", 5432).available()).isFalse();
	}

}
