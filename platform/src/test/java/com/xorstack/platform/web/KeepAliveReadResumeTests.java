package com.xorstack.platform.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;

import org.springframework.http.HttpStatus;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebHandler;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Requests that arrive on a keep-alive connection while the previous one is still
 * finishing, the second answered at once (as a refused token is): with the
 * {@link EventLoopHandOffWebFilter} every one of them is answered.
 */
class KeepAliveReadResumeTests {

	private DisposableServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.disposeNow();
		}
	}

	@Test
	void requestsQueuedBehindASlowOneAndAnsweredAtOnceAreAllAnswered() throws IOException {
		start(List.of(new EventLoopHandOffWebFilter()));
		assertThat(pipelined(20)).as("responses to 3 pipelined requests, 20 times").containsOnly(3);
	}

	/**
	 * The Reactor Netty bug the filter works around. Once this fails, Reactor Netty reads
	 * on by itself, and the filter can go.
	 */
	@Test
	void withoutTheHandOffTheRequestAfterTheQueuedOneIsNeverRead() throws IOException {
		start(List.of());
		assertThat(pipelined(3)).as("responses to 3 pipelined requests, 3 times").containsOnly(2);
	}

	private void start(List<WebFilter> filters) {
		WebHandler handler = (exchange) -> {
			Mono<Void> answer = exchange.getRequest().getPath().value().equals("/slow")
					? Mono.delay(Duration.ofMillis(50)).then() : Mono.empty();
			return answer.then(ProblemResponses.write(exchange, HttpStatus.UNAUTHORIZED, "no"));
		};
		HttpHandler http = WebHttpHandlerBuilder.webHandler(handler).filters((all) -> all.addAll(filters)).build();
		this.server = HttpServer.create()
			.host("127.0.0.1")
			.port(0)
			.handle(new ReactorHttpHandlerAdapter(http))
			.bindNow();
		warmUp();
	}

	/**
	 * One request answered before the pipelined ones: a cold JVM on a loaded machine can
	 * take longer than the two seconds of silence {@link #responses} waits for its first
	 * answer, which then looks like a request never read.
	 */
	private void warmUp() {
		try (Socket socket = new Socket("127.0.0.1", this.server.port())) {
			socket.setSoTimeout(60_000);
			socket.getOutputStream().write(request("/fast"));
			socket.getOutputStream().flush();
			assertThat(responses(socket.getInputStream(), 1)).as("the warm-up request's answer").isEqualTo(1);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** How many of the three requests each connection got answers to, per connection. */
	private List<Integer> pipelined(int connections) throws IOException {
		List<Integer> answered = new java.util.ArrayList<>();
		for (int i = 0; i < connections; i++) {
			try (Socket socket = new Socket("127.0.0.1", this.server.port())) {
				socket.setSoTimeout(2000);
				OutputStream out = socket.getOutputStream();
				out.write(request("/slow"));
				out.write(request("/fast"));
				out.flush();
				int first = responses(socket.getInputStream(), 2);
				out.write(request("/fast"));
				out.flush();
				answered.add(first + responses(socket.getInputStream(), 1));
			}
		}
		return answered;
	}

	private static byte[] request(String path) {
		return ("GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
	}

	/** Reads until {@code expected} status lines came, or two seconds of silence. */
	private static int responses(InputStream in, int expected) throws IOException {
		StringBuilder seen = new StringBuilder();
		byte[] buffer = new byte[8192];
		try {
			while (count(seen, "HTTP/1.1 401") < expected) {
				int read = in.read(buffer);
				if (read < 0) {
					break;
				}
				seen.append(new String(buffer, 0, read, StandardCharsets.US_ASCII));
			}
		}
		catch (SocketTimeoutException ex) {
			// silence: what came is all there is
		}
		return count(seen, "HTTP/1.1 401");
	}

	private static int count(CharSequence text, String what) {
		return (text.length() - text.toString().replace(what, "").length()) / what.length();
	}

}
