package com.xorstack.auth;

import org.springframework.test.context.DynamicPropertyRegistry;

import com.xorstack.devstack.TestStack;

/** The properties every auth-service integration test registers. */
public final class AuthTestProperties {

	private AuthTestProperties() {
	}

	public static void register(DynamicPropertyRegistry registry) {
		TestStack.get().springProperties("auth").forEach((name, value) -> registry.add(name, () -> value));
		registry.add("xorstack.keycloak.url", () -> TestStack.get().devStack().keycloakUrl());
		// tests run the reconciliation themselves
		registry.add("xorstack.roles.reconcile-delay", () -> "PT1H");
	}

}
