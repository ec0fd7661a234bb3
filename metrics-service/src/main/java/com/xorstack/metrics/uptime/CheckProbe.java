package com.xorstack.metrics.uptime;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpMethod;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

import com.xorstack.metrics.outbound.OutboundGuard;
import com.xorstack.metrics.outbound.OutboundHttp;
import com.xorstack.metrics.outbound.RefusedAddressException;

/**
 * Runs one admin-given check through the outbound guard: HTTP through
 * {@link OutboundHttp} (the checked address only, redirects not followed, so a 3xx is the
 * answer), TCP to the one address the guard answered. Up means the expected status (any
 * 2xx without one) and, if asked, the substring within the first 64 KiB of the body; a
 * TCP connect within the time limit. Never fails: every error is a down outcome.
 */
@Component
class CheckProbe {

	/** How much of a body is searched for {@code bodyContains}. */
	static final int BODY_LIMIT = 64 * 1024;

	private final WebClient web;

	private final OutboundGuard guard;

	private final BuiltinProbe builtins;

	CheckProbe(OutboundHttp outbound, OutboundGuard guard, BuiltinProbe builtins) {
		this.web = outbound.client();
		this.guard = guard;
		this.builtins = builtins;
	}

	Mono<Outcome> run(UptimeCheck check, CheckSpec.Target target) {
		Duration timeout = Duration.parse(check.timeout());
		// deferred: a target that cannot even be tried is a down outcome, not an error
		Mono<String> failure = Mono.defer(() -> switch (check.type()) {
			case "http" -> http(target);
			case "tcp" -> tcp(target, timeout);
			default -> this.builtins.run(String.valueOf(target.builtin()), timeout);
		});
		return Mono.defer(() -> {
			long start = System.nanoTime();
			return failure.timeout(timeout)
				.map((error) -> Outcome.down(System.nanoTime() - start, error))
				.switchIfEmpty(Mono.fromSupplier(() -> Outcome.up(System.nanoTime() - start)))
				.onErrorResume((ex) -> Mono.just(Outcome.down(System.nanoTime() - start, describe(ex, timeout))));
		});
	}

	/** Empty when up, else why not. */
	private Mono<String> http(CheckSpec.Target target) {
		return this.web.method(HttpMethod.valueOf(String.valueOf(target.method())))
			.uri(URI.create(String.valueOf(target.url())))
			.exchangeToMono((response) -> judge(response, target));
	}

	private static Mono<String> judge(ClientResponse response, CheckSpec.Target target) {
		int status = response.statusCode().value();
		Integer expected = target.expectedStatus();
		boolean statusOk = (expected != null) ? status == expected : response.statusCode().is2xxSuccessful();
		if (!statusOk) {
			return response.releaseBody()
				.then(Mono.just("status " + status + ", expected " + ((expected != null) ? expected : "2xx")));
		}
		String wanted = target.bodyContains();
		if (wanted == null) {
			return response.releaseBody().then(Mono.empty());
		}
		return DataBufferUtils
			.join(DataBufferUtils.takeUntilByteCount(response.body((message, context) -> message.getBody()),
					BODY_LIMIT))
			.map(CheckProbe::text)
			.defaultIfEmpty("")
			.flatMap((body) -> body.contains(wanted) ? Mono.empty()
					: Mono.just("the body does not contain the expected text"));
	}

	private static String text(DataBuffer buffer) {
		String text = buffer.toString(StandardCharsets.UTF_8);
		DataBufferUtils.release(buffer);
		return text;
	}

	/**
	 * A blocking connect, on the bounded elastic scheduler: the guard resolves anyway.
	 */
	private Mono<String> tcp(CheckSpec.Target target, Duration timeout) {
		return Mono.<String>fromCallable(() -> {
			InetAddress address = this.guard.resolve(String.valueOf(target.host()));
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(address, target.port()), (int) timeout.toMillis());
			}
			return null;
		}).subscribeOn(Schedulers.boundedElastic());
	}

	static String describe(Throwable ex, Duration timeout) {
		RefusedAddressException refused = RefusedAddressException.in(ex);
		if (refused != null) {
			return refused.getMessage();
		}
		if (ex instanceof TimeoutException) {
			return "no answer within " + timeout;
		}
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		String message = root.getMessage();
		return root.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

}
