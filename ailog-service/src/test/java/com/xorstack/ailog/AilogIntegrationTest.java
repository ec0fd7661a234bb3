package com.xorstack.ailog;

import java.nio.file.Path;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.xorstack.devstack.TestStack;

/**
 * The one Spring set-up of the integration tests against the real PostgreSQL, Kafka and
 * Keycloak of the devstack; every test class extends it, so they share one context. Tests
 * keep to their own function names and days, so they never count each other's rows: stats
 * use day -30, duplicates day -31, retention days -80 and -81.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		// storage gauges every 3 s, for StorageGaugesIntegrationTests
		properties = { "xorstack.ailog.retention.cron=-", "xorstack.storage-gauges.interval=3s" })
@AutoConfigureWebTestClient(timeout = "60s")
public abstract class AilogIntegrationTest {

	public static final Path ARCHIVE_DIR = Path.of("target", "ailog-archive-test").toAbsolutePath();

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestStack.get().springProperties("ailog").forEach((name, value) -> registry.add(name, () -> value));
		registry.add("xorstack.ailog.retention.archive-dir", ARCHIVE_DIR::toString);
	}

}
