package com.xorstack.platform.errors;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.sentry.Sentry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.boot.webflux.autoconfigure.HttpHandlerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.server.WebFilter;

import com.xorstack.platform.web.ApiProblemHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real server of the platform's web stack, its problem handler and error reporting,
 * answering a real HTTP request that fails, with the SDK posting to a real HTTP receiver
 * of Sentry envelopes. The OpenTelemetry agent is not attached in unit tests: a first
 * filter makes the request's {@code traceparent} current as the agent's server span would
 * be.
 */
class SentryReportingIntegrationTests {

	static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

	static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJwbGFudGVkIn0.c2VjcmV0LXNpZ25hdHVyZQ";

	static final String EMAIL = "planted.person@example.com";

	static final String BODY_TEXT = "my glucose was 213 this morning";

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void anUnhandledErrorIsOneScrubbedEnvelopeWithTraceReleaseAndEnvironment() throws Exception {
		try (SentryEnvelopeReceiver sentry = new SentryEnvelopeReceiver()) {
			int port = start("--sentry.dsn=" + sentry.dsn(), "--sentry.environment=staging-test");

			HttpResponse<String> answer = post(port);
			assertThat(answer.statusCode()).isEqualTo(500);
			await().atMost(Duration.ofSeconds(30)).until(() -> !sentry.envelopes().isEmpty());
			Sentry.flush(5000);

			assertThat(sentry.envelopes()).hasSize(1);
			SentryEnvelopeReceiver.Envelope envelope = sentry.envelopes().get(0);
			assertThat(envelope.path()).isEqualTo("/api/42/envelope/");
			assertThat(envelope.events()).hasSize(1);
			JsonNode event = envelope.events().get(0);
			assertThat(event.at("/contexts/trace/trace_id").asString()).isEqualTo(TRACE_ID);
			assertThat(event.at("/tags/trace_id").asString()).isEqualTo(TRACE_ID);
			assertThat(event.at("/release").asString()).isEqualTo("xorstack@" + projectVersion());
			assertThat(event.at("/environment").asString()).isEqualTo("staging-test");
			assertThat(event.at("/tags/service").asString()).isEqualTo("notes-service");
			assertThat(event.at("/tags/route").asString()).isEqualTo("/api/notes/{kind}");
			JsonNode exception = thrown(event, "IllegalStateException");
			assertThat(exception.at("/value").asString())
				.startsWith("duplicate key (email)=([email]) with Bearer [redacted]");
			assertThat(exception.at("/mechanism/handled").asBoolean()).isFalse();
			assertThat(envelope.raw()).doesNotContain(TOKEN)
				.doesNotContain(EMAIL)
				.doesNotContain(BODY_TEXT)
				.doesNotContain("SESSION=")
				.doesNotContain("203.0.113.9")
				.doesNotContain("private-note");
		}
	}

	@Test
	void withoutADsnNothingStartsAndNothingIsSent() throws Exception {
		try (SentryEnvelopeReceiver sentry = new SentryEnvelopeReceiver()) {
			int port = start();

			assertThat(post(port).statusCode()).isEqualTo(500);
			assertThat(Sentry.isEnabled()).isFalse();
			assertThat(this.context.getBeansOfType(SentryErrorSink.class)).isEmpty();
			assertThat(this.context.getBeansOfType(UnhandledErrorWebFilter.class)).hasSize(1);
			Thread.sleep(500);
			assertThat(sentry.envelopes()).isEmpty();
		}
	}

	/** Sentry lists the cause chain and Reactor's suppressed assembly trace beside it. */
	private static JsonNode thrown(JsonNode event, String type) {
		List<JsonNode> values = event.at("/exception/values").valueStream().toList();
		assertThat(values).extracting((value) -> value.path("type").asString()).contains(type);
		return values.stream().filter((value) -> type.equals(value.path("type").asString())).findFirst().orElseThrow();
	}

	private int start(String... args) {
		this.context = new SpringApplicationBuilder(NotesService.class).web(WebApplicationType.REACTIVE)
			.properties("server.port=0", "spring.application.name=notes-service", "spring.main.banner-mode=off")
			.run(args);
		return ((WebServerApplicationContext) this.context).getWebServer().getPort();
	}

	private static HttpResponse<String> post(int port) throws Exception {
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/notes/private-note?email=" + EMAIL))
			.header("Content-Type", "application/json")
			.header("Authorization", "Bearer " + TOKEN)
			.header("Cookie", "SESSION=abc123")
			.header("X-Forwarded-For", "203.0.113.9")
			.header("traceparent", "00-" + TRACE_ID + "-00f067aa0ba902b7-01")
			.POST(HttpRequest.BodyPublishers.ofString("{\"email\":\"" + EMAIL + "\",\"text\":\"" + BODY_TEXT + "\"}"))
			.build();
		try (HttpClient client = HttpClient.newHttpClient()) {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
	}

	private static String projectVersion() throws Exception {
		try (InputStream in = SentryReportingIntegrationTests.class
			.getResourceAsStream("/META-INF/xorstack-build.properties")) {
			Properties build = new Properties();
			build.load(in);
			assertThat(build.getProperty("version")).doesNotContain("@");
			return build.getProperty("version");
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ NettyReactiveWebServerAutoConfiguration.class, HttpHandlerAutoConfiguration.class,
			WebFluxAutoConfiguration.class, JacksonAutoConfiguration.class, CodecsAutoConfiguration.class,
			ErrorReportingAutoConfiguration.class })
	@Import({ Notes.class, ProblemAdvice.class })
	static class NotesService {

		/** What the agent does: the request's span is current while it is handled. */
		@Bean
		@Order(Ordered.HIGHEST_PRECEDENCE)
		WebFilter serverSpan() {
			return (exchange, chain) -> {
				String[] parts = exchange.getRequest().getHeaders().getFirst("traceparent").split("-");
				Span span = Span.wrap(SpanContext.createFromRemoteParent(parts[1], parts[2], TraceFlags.getSampled(),
						TraceState.getDefault()));
				Mono<Void> handled = chain.filter(exchange);
				return Mono.from((subscriber) -> {
					try (Scope scope = Context.current().with(span).makeCurrent()) {
						handled.subscribe(subscriber);
					}
				});
			};
		}

	}

	@RestController
	static class Notes {

		/** Fails as a database would: quoting the value it refused. */
		@PostMapping("/api/notes/{kind}")
		Mono<String> add(@RequestBody Map<String, String> note) {
			return Mono.error(new IllegalStateException(
					"duplicate key (email)=(" + note.get("email") + ") with Bearer " + TOKEN + " in " + List.of()));
		}

	}

	@RestControllerAdvice
	static class ProblemAdvice extends ApiProblemHandler {

	}

}
