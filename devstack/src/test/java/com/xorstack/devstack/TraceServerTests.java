package com.xorstack.devstack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class TraceServerTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@TempDir
	Path workDir;

	@Test
	void keepsTheSpansAnAgentSendsAndShowsThemOnLoopbackOnly() throws Exception {
		long started = System.nanoTime();
		ProcessHandle process;
		try (TraceServer zipkin = TraceServer.start(JavaRuntime.find(), Artifacts.load().zipkinServer(), this.workDir,
				Ports.free())) {
			process = ProcessHandle.of(zipkin.pid()).orElseThrow();
			System.out.printf("Zipkin ready in %d ms, RSS %s%n", (System.nanoTime() - started) / 1_000_000,
					rss(zipkin.pid()));
			String span = """
					[{"traceId":"4bf92f3577b34da6a3ce929d0e0e4736","id":"00f067aa0ba902b7","name":"get /api/me",
					"kind":"SERVER","timestamp":%d,"duration":1200,"localEndpoint":{"serviceName":"gateway"}}]"""
				.formatted(TimeUnit.MILLISECONDS.toMicros(System.currentTimeMillis()));
			HttpResponse<String> posted = this.http.send(HttpRequest.newBuilder(URI.create(zipkin.spansEndpoint()))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString(span))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(posted.statusCode()).isEqualTo(202);
			assertThat(trace(zipkin.url() + "/api/v2/trace/4bf92f3577b34da6a3ce929d0e0e4736"))
				.contains("\"serviceName\":\"gateway\"");
			assertThat(zipkin.traceUrlTemplate().replace("{traceId}", "4bf92f3577b34da6a3ce929d0e0e4736"))
				.isEqualTo(zipkin.url() + "/zipkin/traces/4bf92f3577b34da6a3ce929d0e0e4736");
			assertThat(Http.ok(zipkin.uiUrl())).isTrue();
			// bound to 127.0.0.1 alone, like everything of a local run
			assertThat(Ports.isOpen("127.0.0.2", Integer.parseInt(zipkin.url().replaceFirst(".*:", "")))).isFalse();
		}
		assertThat(process.isAlive()).isFalse();
	}

	/** The trace once stored: the collector accepts (202) before it stores. */
	private String trace(String url) throws Exception {
		for (int attempt = 0;; attempt++) {
			HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(URI.create(url)).build(),
					HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() == 200 || attempt == 50) {
				return response.body();
			}
			Thread.sleep(100);
		}
	}

	private static String rss(long pid) throws Exception {
		return Files.readAllLines(Path.of("/proc/" + pid + "/status"))
			.stream()
			.filter((line) -> line.startsWith("VmRSS"))
			.findFirst()
			.orElse("?");
	}

}
