package com.xorstack.ailog.ingest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.xorstack.ailog.AiLogApi;
import com.xorstack.ailog.AilogIntegrationTest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Validation, and the redaction in it, runs on a worker thread, never on an event loop
 * that serves every other connection: the test samples the server's threads (it runs in
 * the same JVM) while a large batch is validated and names those caught in
 * {@link CallValidator#validate}.
 */
class ValidationThreadIntegrationTests extends AilogIntegrationTest {

	@Autowired
	WebTestClient web;

	@Test
	void aBatchFromRestIsValidatedOffTheEventLoop() {
		String function = "threads-rest-" + UUID.randomUUID();
		List<Map<String, Object>> events = new ArrayList<>();
		for (int i = 0; i < 1000; i++) {
			Map<String, Object> event = AiLogApi.event(function, Instant.now().minusSeconds(i));
			event.put("outputPreview", "Reach me at someone@example.com or 555-0100 ".repeat(60));
			events.add(event);
		}
		Set<String> threads = validatingThreads(() -> new AiLogApi(this.web).batch(events));
		assertOffTheEventLoop(threads);
	}

	@Test
	void spansFromOtlpAreValidatedOffTheEventLoop() {
		StringBuilder spans = new StringBuilder();
		long start = Instant.now().toEpochMilli() * 1_000_000;
		for (int i = 0; i < 1000; i++) {
			spans.append((i > 0) ? "," : "").append("""
					{"traceId": "%s", "spanId": "%s", "name": "chat", "startTimeUnixNano": "%d",
					 "endTimeUnixNano": "%d", "attributes": [
					   {"key": "gen_ai.operation.name", "value": {"stringValue": "chat"}},
					   {"key": "gen_ai.request.model", "value": {"stringValue": "gpt-4o-mini"}},
					   {"key": "note", "value": {"stringValue": "%s"}}]}
					""".formatted(hex(16), hex(8), start, start + 1_000_000, "x".repeat(900)));
		}
		String body = """
				{"resourceSpans": [{"resource": {"attributes": [
				  {"key": "service.name", "value": {"stringValue": "threads-otlp-%s"}}]},
				 "scopeSpans": [{"spans": [%s]}]}]}
				""".formatted(UUID.randomUUID(), spans);
		Set<String> threads = validatingThreads(() -> this.web.post()
			.uri("/v1/traces")
			.headers((headers) -> headers.setBearerAuth(AiLogApi.ingestToken()))
			.contentType(MediaType.APPLICATION_JSON)
			.bodyValue(body)
			.exchange()
			.expectStatus()
			.isOk());
		assertOffTheEventLoop(threads);
	}

	/**
	 * The server's event loops are {@code webflux-http-epoll-N} (or {@code -nio-N});
	 * validation belongs on Reactor's bounded elastic workers.
	 */
	private static void assertOffTheEventLoop(Set<String> threads) {
		assertThat(threads).isNotEmpty()
			.noneMatch((name) -> name.contains("-http-"))
			.allMatch((name) -> name.startsWith("boundedElastic-"));
	}

	/**
	 * The names of the threads seen validating while {@code request} ran, sending it
	 * again (up to ten times) until some were seen: a sample may miss a short validation.
	 */
	private static Set<String> validatingThreads(Supplier<?> request) {
		Set<String> seen = ConcurrentHashMap.newKeySet();
		for (int attempt = 0; attempt < 10 && seen.isEmpty(); attempt++) {
			Sampler sampler = new Sampler(seen);
			Thread thread = Thread.ofPlatform().daemon().name("validation-sampler").start(sampler);
			try {
				request.get();
			}
			finally {
				sampler.running = false;
				thread.interrupt();
			}
		}
		return seen;
	}

	private static String hex(int bytes) {
		byte[] random = new byte[bytes];
		ThreadLocalRandom.current().nextBytes(random);
		return HexFormat.of().formatHex(random);
	}

	private static final class Sampler implements Runnable {

		private final Set<String> seen;

		private volatile boolean running = true;

		Sampler(Set<String> seen) {
			this.seen = seen;
		}

		@Override
		public void run() {
			while (this.running) {
				Thread.getAllStackTraces().forEach((thread, stack) -> {
					if (validating(stack)) {
						this.seen.add(thread.getName());
					}
				});
				// a safepoint per sample: leave the server most of the two cores
				LockSupport.parkNanos(500_000);
			}
		}

		private static boolean validating(StackTraceElement[] stack) {
			for (StackTraceElement frame : stack) {
				if (frame.getClassName().equals(CallValidator.class.getName())
						&& frame.getMethodName().equals("validate")) {
					return true;
				}
			}
			return false;
		}

	}

}
