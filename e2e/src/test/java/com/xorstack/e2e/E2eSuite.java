package com.xorstack.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import com.xorstack.devstack.Suite;
import com.xorstack.devstack.SuiteSettings;
import com.xorstack.devstack.TokenClient;

/**
 * The whole suite from the built jars, started once for all e2e tests of this JVM on free
 * ports with empty databases suffixed {@code _e2e_<pid>}, every service with the
 * OpenTelemetry agent exporting both to an {@link OtlpReceiver} in this JVM and to the
 * suite's local trace server (Zipkin), as {@code ./xorstack up} does; stopped, and its
 * databases dropped, when the JVM exits.
 */
final class E2eSuite {

	/** Where the browser reaches Keycloak; the services use 127.0.0.1. */
	static final String PUBLIC_KEYCLOAK_HOST = "127.0.0.2";

	private static volatile @Nullable Suite suite;

	/**
	 * Every service's agent exports here, so any test can look at its request's trace.
	 */
	private static final OtlpReceiver traces = OtlpReceiver.start();

	private static @Nullable RuntimeException startFailure;

	/** Tokens live five minutes; one fetched longer ago than this is fetched again. */
	private static final Duration TOKEN_REUSE = Duration.ofMinutes(2);

	private static final Map<String, Token> tokens = new ConcurrentHashMap<>();

	private E2eSuite() {
	}

	static Suite get() {
		Suite current = suite;
		if (current == null) {
			synchronized (E2eSuite.class) {
				current = suite;
				if (current == null) {
					current = start();
					suite = current;
				}
			}
		}
		return current;
	}

	/**
	 * Starts once; a failed start fails every later test at once instead of starting
	 * again.
	 */
	private static Suite start() {
		if (startFailure != null) {
			throw new IllegalStateException("The suite did not start: " + startFailure.getMessage(), startFailure);
		}
		// databases of this JVM's own: two checkouts' e2e runs at once never share (or
		// drop) them
		SuiteSettings settings = SuiteSettings.forTests("_e2e_" + ProcessHandle.current().pid())
			.withOtlpEndpoint(traces.endpoint())
			// and Zipkin, what people look at locally: its API and UI are tested too
			.withTraceServerPort(0)
			// one log line per request inside its trace, for the test that the trace id
			// is
			// in the logs
			.withServiceVariable("LOGGING_LEVEL_ORG_SPRINGFRAMEWORK_WEB_SERVER_ADAPTER", "DEBUG")
			// alert rules evaluated every 5 s, not 30: the alert test waits for a firing
			.withServiceVariable("XORSTACK_ALERT_EVALUATION_INTERVAL", "PT5S");
		// Logs of every process stay in target/, beside the test reports, for the next
		// reader of a failure.
		Path workDir = Path.of("target", "e2e-stack-" + System.currentTimeMillis()).toAbsolutePath();
		try {
			// people reach Keycloak at another address than the services do, as behind
			// an ingress: the console's sign-in must keep the two apart (issue #20)
			Suite started = Suite.start(settings
				.withDevStack(settings.devStack().withWorkDir(workDir).withKeycloakPublicHost(PUBLIC_KEYCLOAK_HOST)));
			started.dropDatabasesOnClose();
			Runtime.getRuntime().addShutdownHook(new Thread(started::close, "e2e-suite-stop"));
			return started;
		}
		catch (RuntimeException ex) {
			startFailure = ex;
			throw ex;
		}
	}

	static OtlpReceiver traces() {
		return traces;
	}

	/**
	 * A token of a demo user, fetched again once it is two minutes old (the e2e run
	 * outlasts a token's five).
	 */
	static String token(String username) {
		return tokens.compute(username, (user, cached) -> {
			if (cached != null && cached.fetchedAt().plus(TOKEN_REUSE).isAfter(Instant.now())) {
				return cached;
			}
			TokenClient client = get().tokens();
			return new Token(client.passwordToken(user, user), Instant.now());
		}).value();
	}

	private record Token(String value, Instant fetchedAt) {
	}

}
