package com.xorstack.gateway;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

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

	/** A stand-in that answers every request with 200 and an empty JSON object. */
	public static DisposableServer answeringEmptyJson() {
		return HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle((request, response) -> response.header("Content-Type", "application/json")
				.sendString(Mono.just("{}")))
			.bindNow();
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
