package com.xorstack.auth;

import java.util.Map;
import java.util.UUID;

import org.springframework.test.context.DynamicPropertyRegistry;

import com.xorstack.devstack.TestStack;

/** The properties every auth-service integration test registers. */
public final class AuthTestProperties {

	private AuthTestProperties() {
	}

	/** The audit chain key of the tests; production takes it from a secret. */
	public static final String CHAIN_KEY = "test-audit-chain-key-0123456789abcdef0123456789abcdef";

	/**
	 * The head topic of the shared database's chain, new for each test run: a head left
	 * on the broker by another run (or another database) would not be this chain's.
	 */
	private static final String CHAIN_HEAD_TOPIC = "audit.chain-head.v1.test-" + UUID.randomUUID();

	public static void register(DynamicPropertyRegistry registry) {
		register(registry, TestStack.get().springProperties("auth"), CHAIN_HEAD_TOPIC);
	}

	/** For a test on a scratch database of its own, with a head topic of its own too. */
	public static void registerScratch(DynamicPropertyRegistry registry, String database) {
		register(registry, TestStack.get().springPropertiesOfScratchDatabase(database, "auth"),
				"audit.chain-head.v1.test-" + database + "-" + UUID.randomUUID());
	}

	private static void register(DynamicPropertyRegistry registry, Map<String, String> stack, String headTopic) {
		stack.forEach((name, value) -> registry.add(name, () -> value));
		registry.add("xorstack.keycloak.url", () -> TestStack.get().devStack().keycloakUrl());
		// tests run the reconciliation themselves
		registry.add("xorstack.roles.reconcile-delay", () -> "PT1H");
		registry.add("xorstack.audit.chain-key", () -> CHAIN_KEY);
		registry.add("xorstack.audit.chain-head-topic", () -> headTopic);
	}

}
