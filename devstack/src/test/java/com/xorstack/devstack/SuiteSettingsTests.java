package com.xorstack.devstack;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How {@code ./xorstack up} and the e2e suite decide about the OpenTelemetry agent. */
class SuiteSettingsTests {

	@Test
	void theAgentIsAttachedByDefaultAndExportsNothingWithoutAnEndpoint() {
		SuiteSettings settings = SuiteSettings.fromEnvironment(Map.of());
		assertThat(settings.otelAgent()).isEqualTo(Artifacts.load().otelAgent());
		assertThat(settings.otelAgent().getFileName().toString()).startsWith("opentelemetry-javaagent-")
			.endsWith(".jar");
		assertThat(settings.otlpEndpoint()).isNull();
	}

	@Test
	void anOtlpEndpointInTheEnvironmentIsWhereTracesGo() {
		SuiteSettings settings = SuiteSettings
			.fromEnvironment(Map.of(SuiteSettings.OTLP_ENDPOINT, " http://127.0.0.1:4318 "));
		assertThat(settings.otlpEndpoint()).isEqualTo("http://127.0.0.1:4318");
	}

	@Test
	void aLocalTraceServerOnPort9411UnlessTracesGoElsewhereOrItIsOff() {
		assertThat(SuiteSettings.fromEnvironment(Map.of()).traceServerPort()).isEqualTo(9411);
		assertThat(SuiteSettings.fromEnvironment(Map.of(SuiteSettings.TRACE_SERVER_PORT, "19411")).traceServerPort())
			.isEqualTo(19411);
		assertThat(SuiteSettings.fromEnvironment(Map.of(SuiteSettings.TRACE_SERVER, "off")).traceServerPort()).isNull();
		assertThat(SuiteSettings.fromEnvironment(Map.of(SuiteSettings.OTLP_ENDPOINT, "http://127.0.0.1:4318"))
			.traceServerPort()).isNull();
		assertThat(SuiteSettings.fromEnvironment(Map.of()).withFreePorts().traceServerPort()).isZero();
	}

	@Test
	void theAgentCanBeLeftOutOrReplaced() {
		assertThat(SuiteSettings.fromEnvironment(Map.of(SuiteSettings.OTEL_AGENT, "off")).otelAgent()).isNull();
		assertThat(SuiteSettings.fromEnvironment(Map.of(SuiteSettings.OTEL_AGENT, "/opt/agent.jar")).otelAgent())
			.isEqualTo(Path.of("/opt/agent.jar"));
	}

	@Test
	void theAgentRunsOnlyTheInstrumentationsTheSuiteNeeds() {
		assertThat(StartupSwitches.VARIABLES).containsEntry("OTEL_INSTRUMENTATION_COMMON_DEFAULT_ENABLED", "false")
			.containsEntry("OTEL_INSTRUMENTATION_REACTOR_NETTY_ENABLED", "true")
			.containsEntry("OTEL_INSTRUMENTATION_OPENTELEMETRY_API_ENABLED", "true")
			.containsEntry("OTEL_INSTRUMENTATION_LOGBACK_MDC_ENABLED", "true");
	}

}
