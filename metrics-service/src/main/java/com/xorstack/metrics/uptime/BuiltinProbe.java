package com.xorstack.metrics.uptime;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.r2dbc.spi.Connection;
import io.r2dbc.spi.ConnectionFactories;
import io.r2dbc.spi.ConnectionFactory;
import io.r2dbc.spi.ConnectionFactoryOptions;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Runs the suite's built-in checks, configured by the operator under
 * {@code xorstack.uptime.builtin}: a GET of a readiness (or any) URL that must answer
 * 2xx, a TCP connect (Kafka's listener), or a real query ({@code select 1}) over a new
 * connection to a database, so a database that is down or refuses the service's role is
 * red although the pool may still hold connections. These are the operator's own
 * addresses, mostly private: they do not pass the outbound guard, which is for what
 * admins give.
 */
@Component
class BuiltinProbe {

	private final UptimeProperties properties;

	private final WebClient web = WebClient.create();

	private final Map<String, ConnectionFactory> databases = new ConcurrentHashMap<>();

	BuiltinProbe(UptimeProperties properties) {
		this.properties = properties;
	}

	/** Empty when up, else why not. */
	Mono<String> run(String name, Duration timeout) {
		UptimeProperties.Builtin builtin = this.properties.builtin().get(name);
		if (builtin == null || !builtin.configured()) {
			return Mono.just("no built-in check " + name + " is configured");
		}
		return switch (builtin.type()) {
			case "tcp" -> tcp(builtin, timeout);
			case "database" -> database(name, builtin, timeout);
			default -> http(builtin);
		};
	}

	private Mono<String> http(UptimeProperties.Builtin builtin) {
		return this.web.get()
			.uri(String.valueOf(builtin.url()))
			.exchangeToMono((response) -> response.releaseBody()
				.then(response.statusCode().is2xxSuccessful() ? Mono.empty()
						: Mono.just("status " + response.statusCode().value() + ", expected 2xx")));
	}

	private Mono<String> tcp(UptimeProperties.Builtin builtin, Duration timeout) {
		return Mono.<String>fromCallable(() -> {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress(String.valueOf(builtin.host()), builtin.port()),
						(int) timeout.toMillis());
			}
			return null;
		}).subscribeOn(Schedulers.boundedElastic());
	}

	private Mono<String> database(String name, UptimeProperties.Builtin builtin, Duration timeout) {
		ConnectionFactory factory = this.databases.computeIfAbsent(name, (key) -> factory(builtin, timeout));
		return Mono.usingWhen(Mono.from(factory.create()), BuiltinProbe::selectOne, Connection::close)
			.flatMap((one) -> (one == 1) ? Mono.<String>empty() : Mono.just("select 1 answered " + one));
	}

	private static Mono<Integer> selectOne(Connection connection) {
		return Flux.from(connection.createStatement("select 1 as one").execute())
			.flatMap((result) -> result.map((row, metadata) -> row.get("one", Integer.class)))
			.next();
	}

	private static ConnectionFactory factory(UptimeProperties.Builtin builtin, Duration timeout) {
		ConnectionFactoryOptions.Builder options = ConnectionFactoryOptions.parse(String.valueOf(builtin.url()))
			.mutate()
			.option(ConnectionFactoryOptions.CONNECT_TIMEOUT, timeout);
		if (builtin.username() != null && !builtin.username().isBlank()) {
			options.option(ConnectionFactoryOptions.USER, builtin.username());
		}
		if (builtin.password() != null && !builtin.password().isEmpty()) {
			options.option(ConnectionFactoryOptions.PASSWORD, builtin.password());
		}
		return ConnectionFactories.get(options.build());
	}

}
