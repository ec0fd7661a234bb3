package com.xorstack.devstack;

import java.util.concurrent.CountDownLatch;

/**
 * {@code ./xorstack up}: the whole suite on its usual ports until Ctrl-C, which stops it
 * in reverse order (gateway, services, Keycloak and Kafka).
 */
public final class XorstackUp {

	private XorstackUp() {
	}

	public static void main(String[] args) throws InterruptedException {
		// Silences SLF4J logging in this process (the Kafka admin client, the embedded
		// PostgreSQL): each server's log file has it all. slf4j-api's own no-op provider
		System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
		System.setProperty("slf4j.internal.verbosity", "WARN");
		// devstack's own progress, one line each
		System.setProperty("java.util.logging.SimpleFormatter.format", "%1$tT %5$s%n");
		long start = System.nanoTime();
		System.out.println("Starting PostgreSQL databases, Kafka, Keycloak and Zipkin, then the five services...");
		Suite suite;
		SuiteSettings settings;
		try {
			settings = SuiteSettings.defaults();
			suite = Suite.start(settings);
		}
		catch (DevStackException ex) {
			System.err.println("xorstack: " + ex.getMessage());
			System.exit(1);
			return;
		}
		// Registered after the suite, so the shutdown hook runs this first
		StopOnExit.register(new Stopper(suite));
		long seconds = Math.round((System.nanoTime() - start) / 1e9);
		System.out.println(Banner.text(suite, seconds, settings));
		new CountDownLatch(1).await();
	}

	private record Stopper(Suite suite) implements AutoCloseable {

		@Override
		public void close() {
			System.out.println("\nStopping: gateway, services, Keycloak and Kafka...");
			this.suite.close();
			System.out.println("Xorstack stopped.");
		}

	}

}
