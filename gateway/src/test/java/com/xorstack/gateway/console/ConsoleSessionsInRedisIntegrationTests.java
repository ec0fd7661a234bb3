package com.xorstack.gateway.console;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.xorstack.gateway.GatewayApplication;
import com.xorstack.gateway.StandInServer;
import com.xorstack.gateway.StandInServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two gateway replicas on one Redis (127.0.0.1:6379) share console sessions: signed in on
 * one, the same cookie works on the other; signed out on one, it works on neither.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "xorstack.gateway.rate-limit.redis-enabled=true", "management.server.port=0" })
class ConsoleSessionsInRedisIntegrationTests {

	@RegisterExtension
	static final StandInServer downstream = StandInServer.of(StandInServices.answeringEmptyJson());

	static ConfigurableApplicationContext secondReplica;

	@LocalServerPort
	int port;

	@Autowired
	ReactiveStringRedisTemplate redis;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		StandInServices.register(registry, downstream.port());
	}

	/**
	 * A second gateway on the same Redis, its settings as arguments so they beat
	 * application.yml.
	 */
	@BeforeAll
	static void startSecondReplica() {
		Map<String, String> properties = new LinkedHashMap<>(StandInServices.properties(downstream.port()));
		properties.put("server.port", "0");
		properties.put("management.server.port", "0");
		properties.put("xorstack.gateway.rate-limit.redis-enabled", "true");
		String[] arguments = properties.entrySet()
			.stream()
			.map((property) -> "--" + property.getKey() + "=" + property.getValue())
			.toArray(String[]::new);
		secondReplica = new SpringApplicationBuilder(GatewayApplication.class).run(arguments);
	}

	@AfterAll
	static void stop() {
		if (secondReplica != null) {
			secondReplica.close();
		}
	}

	@Test
	void aSessionStartedOnOneReplicaIsServedByTheOtherUntilSignOut() throws Exception {
		ConsoleSignIn browser = new ConsoleSignIn(first());
		assertThat(browser.signIn("demo-admin").statusCode()).isEqualTo(200);

		// cookies are per host, not per port: the browser sends the same cookie to both
		assertThat(browser.get(URI.create(second() + "/bff/session")).statusCode()).isEqualTo(200);
		assertThat(browser.get(URI.create(second() + "/bff/api/me")).statusCode()).isEqualTo(200);
		assertThat(browser.get(URI.create(first() + "/bff/session")).statusCode()).isEqualTo(200);

		HttpResponse<String> signedOut = browser.send(HttpRequest.newBuilder(URI.create(second() + "/logout"))
			.header("X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN").orElseThrow().getValue())
			.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(signedOut.statusCode()).isEqualTo(302);
		assertThat(signedOut.headers().firstValue("Location"))
			.hasValueSatisfying((location) -> assertThat(location).contains("/protocol/openid-connect/logout"));

		assertThat(browser.get(URI.create(first() + "/bff/session")).statusCode()).isEqualTo(401);
		assertThat(browser.get(URI.create(second() + "/bff/session")).statusCode()).isEqualTo(401);
	}

	@Test
	void theSessionIsARedisKeyThatExpiresAndIsDeletedOnSignOut() throws Exception {
		ConsoleSignIn browser = new ConsoleSignIn(first());
		browser.signIn("demo-moderator");
		String key = StandInServices.SESSION_NAMESPACE + ":sessions:"
				+ browser.cookie("XORSTACK_SESSION").orElseThrow().getValue();

		assertThat(this.redis.hasKey(key).block()).isTrue();
		Duration ttl = this.redis.getExpire(key).block();
		assertThat(ttl).isPositive().isLessThanOrEqualTo(StandInServices.SESSION_TIMEOUT);

		browser.send(browser.request("/logout")
			.header("X-XSRF-TOKEN", browser.cookie("XSRF-TOKEN").orElseThrow().getValue())
			.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(this.redis.hasKey(key).block()).isFalse();
	}

	private String first() {
		return "http://127.0.0.1:" + this.port;
	}

	private static String second() {
		int port = ((WebServerApplicationContext) secondReplica).getWebServer().getPort();
		return "http://127.0.0.1:" + port;
	}

}
