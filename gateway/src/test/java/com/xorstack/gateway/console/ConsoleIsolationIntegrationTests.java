package com.xorstack.gateway.console;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.xorstack.gateway.StandInServer;
import com.xorstack.gateway.StandInServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue #19: a signed-in person with the plain {@code user} role attacks the console's
 * hop with form-encoded posts (which used to hang until the time limit) and slow calls;
 * an admin's console calls must go on working.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "management.server.port=0",
		"resilience4j.timelimiter.instances.console-api.timeout-duration=3s" })
class ConsoleIsolationIntegrationTests {

	/** Slow on {@code /api/feedback?slow}, yet within the routes' time limit. */
	@RegisterExtension
	static final StandInServer downstream = StandInServer
		.of(HttpServer.create().host("127.0.0.1").port(0).handle((request, response) -> {
			Mono<String> body = Mono.just("{}");
			if (request.uri().contains("slow")) {
				body = body.delayElement(Duration.ofSeconds(2));
			}
			return response.header("Content-Type", "application/json").sendString(body);
		}).bindNow());

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		StandInServices.register(registry, downstream.port());
	}

	@Test
	void aUserCannotOpenTheConsoleBreakerForAdmins() throws Exception {
		ConsoleSignIn attacker = new ConsoleSignIn(gateway());
		attacker.signIn("demo-user");
		String csrf = attacker.csrfToken();
		List<CompletableFuture<HttpResponse<String>>> forms = new ArrayList<>();
		List<CompletableFuture<HttpResponse<String>>> slow = new ArrayList<>();
		for (int i = 0; i < 11; i++) {
			forms.add(attacker.http.sendAsync(attacker.request("/bff/api/feedback")
				.header("Content-Type", "application/x-www-form-urlencoded")
				.header("X-XSRF-TOKEN", csrf)
				.timeout(Duration.ofSeconds(30))
				.POST(HttpRequest.BodyPublishers.ofString("category=bug&message=hang"))
				.build(), HttpResponse.BodyHandlers.ofString()));
			slow.add(attacker.http.sendAsync(
					attacker.request("/bff/api/feedback?slow=" + i).timeout(Duration.ofSeconds(30)).GET().build(),
					HttpResponse.BodyHandlers.ofString()));
		}
		for (CompletableFuture<HttpResponse<String>> form : forms) {
			HttpResponse<String> refused = form.get();
			assertThat(refused.statusCode()).isEqualTo(415);
			assertThat(refused.body()).contains("\"status\":415");
		}
		CompletableFuture.allOf(slow.toArray(CompletableFuture[]::new)).get();

		ConsoleSignIn admin = new ConsoleSignIn(gateway());
		admin.signIn("demo-admin");
		assertThat(admin.get("/bff/api/admin/dashboard/summary").statusCode()).isEqualTo(200);
		assertThat(admin.get("/bff/api/feedback").statusCode()).isEqualTo(200);
	}

	/**
	 * A bulkhead per session: past 16 calls in flight one session gets 429 at once, while
	 * another is served.
	 */
	@Test
	void oneSessionCannotHoldEveryCall() throws Exception {
		ConsoleSignIn greedy = new ConsoleSignIn(gateway());
		greedy.signIn("demo-user");
		greedy.get("/bff/session");
		List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
		for (int i = 0; i < 24; i++) {
			calls.add(greedy.http.sendAsync(
					greedy.request("/bff/api/feedback?slow=" + i).timeout(Duration.ofSeconds(30)).GET().build(),
					HttpResponse.BodyHandlers.ofString()));
		}
		ConsoleSignIn other = new ConsoleSignIn(gateway());
		other.signIn("demo-admin");
		assertThat(other.get("/bff/api/admin/dashboard/summary").statusCode()).isEqualTo(200);
		CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).get();
		List<Integer> statuses = calls.stream().map((call) -> call.join().statusCode()).toList();
		assertThat(statuses).containsOnly(200, 429);
		assertThat(statuses.stream().filter((status) -> status == 200)).hasSizeLessThanOrEqualTo(16);
		assertThat(statuses.stream().filter((status) -> status == 429)).isNotEmpty();
		assertThat(calls.stream().map(CompletableFuture::join).filter((call) -> call.statusCode() == 429))
			.allSatisfy((refused) -> {
				assertThat(refused.headers().firstValue("Retry-After")).hasValue("1");
				assertThat(refused.body()).contains("in flight");
			});
		// the session works again once its calls have answered
		assertThat(greedy.get("/bff/api/feedback").statusCode()).isEqualTo(200);
	}

	@Test
	void methodsTheApiHasNoUseForAreRefusedAtOnce() throws Exception {
		ConsoleSignIn browser = new ConsoleSignIn(gateway());
		browser.signIn("demo-admin");
		HttpResponse<String> trace = browser
			.send(browser.request("/bff/api/feedback").method("OPTIONS", HttpRequest.BodyPublishers.noBody()));
		assertThat(trace.statusCode()).isEqualTo(405);
		assertThat(trace.headers().firstValue("Allow")).isPresent();
	}

	private String gateway() {
		return "http://127.0.0.1:" + this.port;
	}

}
