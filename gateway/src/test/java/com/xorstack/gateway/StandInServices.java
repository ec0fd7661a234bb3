package com.xorstack.gateway;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.test.context.DynamicPropertyRegistry;

import com.xorstack.devstack.TestStack;

/**
 * Points every route of the gateway under test at one stand-in HTTP server, and gives the
 * gateway the devstack's real Kafka, Keycloak and Redis (with its ACL user).
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

	/**
	 * Console sessions of this test JVM get a Redis key namespace of their own, so that
	 * runs in parallel on one (external) Redis never see each other's sessions; it is
	 * under the console's, the keys the devstack's Redis lets the gateway use.
	 */
	public static final String SESSION_NAMESPACE = "xorstack:console:test-" + ProcessHandle.current().pid();

	/** Short, so that sessions the tests leave in Redis soon expire. */
	public static final Duration SESSION_TIMEOUT = Duration.ofMinutes(10);

	public static void register(DynamicPropertyRegistry registry, int standInPort) {
		properties(standInPort).forEach((name, value) -> registry.add(name, () -> value));
	}

	/** What {@link #register} adds, for a gateway started without the test framework. */
	public static Map<String, String> properties(int standInPort) {
		Map<String, String> properties = new LinkedHashMap<>(TestStack.get().springProperties());
		properties.put("xorstack.gateway.console.session-namespace", SESSION_NAMESPACE);
		properties.put("xorstack.gateway.console.session-timeout", SESSION_TIMEOUT.toString());
		// resolved on first sign-in, when the random port is known
		properties.put("xorstack.gateway.console.public-url", "http://127.0.0.1:${local.server.port}");
		for (String service : SERVICES) {
			properties.put(service + "_SERVICE_URI", "http://127.0.0.1:" + standInPort);
		}
		return properties;
	}

	public static void routeTo(DynamicPropertyRegistry registry, String uri) {
		for (String service : SERVICES) {
			registry.add(service + "_SERVICE_URI", () -> uri);
		}
	}

}
