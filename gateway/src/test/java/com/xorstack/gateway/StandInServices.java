package com.xorstack.gateway;

import org.springframework.test.context.DynamicPropertyRegistry;

import com.xorstack.devstack.TestStack;

/**
 * Points every route of the gateway under test at one stand-in HTTP server, and gives the
 * gateway the devstack's real Kafka and Keycloak.
 */
public final class StandInServices {

	private static final String[] SERVICES = { "AUTH", "FEEDBACK", "AILOG", "METRICS" };

	private StandInServices() {
	}

	public static void register(DynamicPropertyRegistry registry, int standInPort) {
		TestStack.get().springProperties().forEach((name, value) -> registry.add(name, () -> value));
		routeTo(registry, "http://127.0.0.1:" + standInPort);
	}

	public static void routeTo(DynamicPropertyRegistry registry, String uri) {
		for (String service : SERVICES) {
			registry.add(service + "_SERVICE_URI", () -> uri);
		}
	}

}
