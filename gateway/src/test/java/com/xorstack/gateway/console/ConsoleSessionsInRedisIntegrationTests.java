package com.xorstack.gateway.console;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.assertj.core.api.Condition;
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
import org.springframework.data.redis.connection.ReactiveRedisConnectionFactory;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.xorstack.devstack.TestStack;
import com.xorstack.gateway.GatewayApplication;
import com.xorstack.gateway.StandInServer;
import com.xorstack.gateway.StandInServices;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Two gateway replicas on one Redis (the devstack's) share console sessions: signed in on
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

	@Autowired
	ReactiveRedisConnectionFactory connections;

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
			.header("X-XSRF-TOKEN", browser.csrfToken())
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
		String key = sessionKey(browser);

		assertThat(this.redis.hasKey(key).block()).isTrue();
		Duration ttl = this.redis.getExpire(key).block();
		assertThat(ttl).isPositive().isLessThanOrEqualTo(StandInServices.SESSION_TIMEOUT);

		browser.send(browser.request("/logout")
			.header("X-XSRF-TOKEN", browser.csrfToken())
			.POST(HttpRequest.BodyPublishers.noBody()));
		assertThat(this.redis.hasKey(key).block()).isFalse();
	}

	@Test
	void aSessionInRedisHoldsNoTokenInPlainText() throws Exception {
		ConsoleSignIn browser = new ConsoleSignIn(first());
		browser.signIn("demo-admin");
		// the relay may refresh or fetch the authorized client: the session is saved
		// again
		assertThat(browser.get("/bff/api/me").statusCode()).isEqualTo(200);

		Map<String, byte[]> session = rawSession(browser);
		assertThat(session).isNotEmpty();
		session.forEach((name, value) -> {
			String bytes = new String(value, StandardCharsets.ISO_8859_1);
			// access, refresh and id token are JWTs: base64url of '{"', which begins eyJ
			assertThat(bytes).as(name).doesNotContain("eyJ").doesNotContain("demo-admin");
		});
		// and yet they are there, for the gateway with its key: the check above can fail
		SessionCipher cipher = SessionCipher.of(TestStack.get().devStack().consoleSessionKey(), List.of());
		assertThat(opened(cipher, session.get("sessionAttr:SPRING_SECURITY_CONTEXT"))).contains("eyJ");
		assertThat(session).hasKeySatisfying(new Condition<>(
				(name) -> name.endsWith("AUTHORIZED_CLIENTS") && opened(cipher, session.get(name)).contains("eyJ"),
				"authorized client with its tokens"));
	}

	@Test
	void aTamperedSessionCountsAsSignedOutNotAsAnError() throws Exception {
		ConsoleSignIn browser = new ConsoleSignIn(first());
		browser.signIn("demo-moderator");
		assertThat(browser.get("/bff/session").statusCode()).isEqualTo(200);
		String key = sessionKey(browser);
		byte[] context = rawSession(browser).get("sessionAttr:SPRING_SECURITY_CONTEXT");
		context[context.length - 1] ^= 0x01;
		this.connections.getReactiveConnection()
			.hashCommands()
			.hSet(buffer(key), buffer("sessionAttr:SPRING_SECURITY_CONTEXT"), ByteBuffer.wrap(context))
			.block();

		assertThat(browser.get("/bff/session").statusCode()).isEqualTo(401);
		assertThat(this.redis.hasKey(key).block()).isFalse();
	}

	private static String opened(SessionCipher cipher, byte[] sealed) {
		return new String(cipher.open(sealed), StandardCharsets.ISO_8859_1);
	}

	private static ByteBuffer buffer(String value) {
		return ByteBuffer.wrap(value.getBytes(StandardCharsets.UTF_8));
	}

	@Test
	void aClientWithoutThePasswordCannotReadASession() throws Exception {
		ConsoleSignIn browser = new ConsoleSignIn(first());
		browser.signIn("demo-moderator");
		assertThat(this.redis.hasKey(sessionKey(browser)).block()).isTrue();
		String host = TestStack.get().devStack().redisHost();
		int port = TestStack.get().devStack().redisPort();

		assertThat(refusal(RedisURI.create(host, port), sessionKey(browser))).startsWith("NOAUTH");
		assertThat(refusal(
				RedisURI.builder().withHost(host).withPort(port).withAuthentication("default", "anything").build(),
				sessionKey(browser)))
			.startsWith("WRONGPASS");
		assertThat(refusal(
				RedisURI.builder().withHost(host).withPort(port).withAuthentication("gateway", "guessed").build(),
				sessionKey(browser)))
			.startsWith("WRONGPASS");
	}

	/** What Redis answers a client that connects and reads the session hash. */
	private static String refusal(RedisURI uri, String sessionKey) {
		RedisClient client = RedisClient.create(uri);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return "read " + connection.sync().hgetall(sessionKey);
		}
		catch (RedisConnectionException | RedisCommandExecutionException ex) {
			Throwable cause = ex;
			while (cause.getCause() != null) {
				cause = cause.getCause();
			}
			return String.valueOf(cause.getMessage());
		}
		finally {
			client.shutdown();
		}
	}

	private Map<String, byte[]> rawSession(ConsoleSignIn browser) {
		ByteBuffer key = buffer(sessionKey(browser));
		Map<String, byte[]> session = new LinkedHashMap<>();
		this.connections.getReactiveConnection()
			.hashCommands()
			.hGetAll(key)
			.doOnNext((entry) -> session.put(StandardCharsets.UTF_8.decode(entry.getKey()).toString(),
					bytes(entry.getValue())))
			.blockLast();
		return session;
	}

	private static byte[] bytes(ByteBuffer buffer) {
		byte[] bytes = new byte[buffer.remaining()];
		buffer.get(bytes);
		return bytes;
	}

	private static String sessionKey(ConsoleSignIn browser) {
		return StandInServices.SESSION_NAMESPACE + ":sessions:"
				+ browser.cookie("XORSTACK_SESSION").orElseThrow().getValue();
	}

	private String first() {
		return "http://127.0.0.1:" + this.port;
	}

	private static String second() {
		int port = ((WebServerApplicationContext) secondReplica).getWebServer().getPort();
		return "http://127.0.0.1:" + port;
	}

}
