package com.xorstack.devstack;

import com.xorstack.platform.events.KafkaPrincipals;

/** What {@code ./xorstack up} prints once everything is ready. */
final class Banner {

	private Banner() {
	}

	static String text(Suite suite, long seconds, SuiteSettings settings) {
		DevStack stack = suite.devStack();
		String token = stack.internalIssuerUri() + "/protocol/openid-connect/token";
		String redis = stack.redisAvailable()
				? stack.redisHost() + ":" + stack.redisPort() + userOf(stack) + ", console sessions encrypted"
				: "none, " + stack.redisAbsence() + ": the gateway keeps rate limits and console sessions in process";
		return """

				Xorstack is ready in %d s.

				  Gateway      %s
				  Console      %s/admin/  (sign in as demo-admin or demo-moderator)
				  API docs     %s/swagger-ui.html
				  Keycloak     %s  (admin console %s/admin/ as admin / admin)
				  Kafka        %s  (SASL_PLAINTEXT, SCRAM-SHA-512; edge functions as
				               edge-functions / %s, this run's password)
				  PostgreSQL   %s  (databases feedback, ailog, metrics, auth)
				  Redis        %s
				  Logs         %s  (JSON lines)
				  Traces       %s

				Demo logins (realm xorstack, client %s), password = user name:
				  demo-user, demo-user-2, demo-moderator, demo-admin
				Edge functions (client credentials): edge-functions / edge-functions-secret

				Try it:
				  TOKEN=$(curl -s -d grant_type=password -d client_id=%s -d username=demo-user -d password=demo-user \\
				    %s | sed 's/.*"access_token":"\\([^"]*\\)".*/\\1/')
				  curl -H "Authorization: Bearer $TOKEN" %s/api/me

				Press Ctrl-C to stop.""".formatted(seconds, suite.gatewayUrl(), suite.gatewayUrl(), suite.gatewayUrl(),
				stack.keycloakUrl(), stack.keycloakUrl(), stack.kafkaBootstrapServers(),
				stack.kafkaPassword(KafkaPrincipals.EDGE), stack.jdbcUrl("feedback").replaceFirst("/[^/]*$", "/"),
				redis, stack.workDir().resolve("logs"), tracing(suite, settings), TokenClient.DEV_CLIENT,
				TokenClient.DEV_CLIENT, token, suite.gatewayUrl());
	}

	private static String userOf(DevStack stack) {
		return (stack.redisUsername() != null)
				? " (user " + stack.redisUsername() + ", password in the gateway's" + " environment)" : "";
	}

	private static String tracing(Suite suite, SuiteSettings settings) {
		if (settings.otelAgent() == null) {
			return "off (XORSTACK_OTEL_AGENT=off)";
		}
		String zipkin = suite.traceServerUrl();
		if (zipkin != null) {
			return zipkin + "/zipkin/  (Zipkin; a response's X-Trace-Id, or the console's\n"
					+ "               trace links, lead to its trace)";
		}
		if (settings.otlpEndpoint() == null) {
			return "OpenTelemetry agent on, exporting nowhere (XORSTACK_TRACE_SERVER=off)";
		}
		return "OpenTelemetry agent on, exporting to " + settings.otlpEndpoint();
	}

}
