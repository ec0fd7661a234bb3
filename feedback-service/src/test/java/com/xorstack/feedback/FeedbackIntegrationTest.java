package com.xorstack.feedback;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.xorstack.devstack.TestStack;

/**
 * The one Spring set-up of the integration tests against the real PostgreSQL, Kafka and
 * Keycloak of the devstack. Every test class extends it, so that they share one
 * application context: one connection pool and one outbox relay, not one per class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// A busy 2-core machine can take more than the default 5 s for one request; a hang still
// fails, only later (the 30 s hangs once seen here were a Reactor Netty keep-alive stall,
// see EventLoopHandOffWebFilter in platform).
@AutoConfigureWebTestClient(timeout = "30s")
public abstract class FeedbackIntegrationTest {

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestStack.get().springProperties("feedback").forEach((name, value) -> registry.add(name, () -> value));
	}

}
