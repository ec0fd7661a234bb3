package com.xorstack.deploy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Traces through an OpenTelemetry Collector that samples them into Jaeger, which keeps
 * them on a volume; Prometheus's alerts through Alertmanager (issue #20).
 */
class DockerComposeObservabilityTests {

	@Test
	void theCollectorSamplesTracesByAnAdjustableShareIntoJaeger() {
		Map<String, Object> collector = DockerCompose.service("otel-collector");
		assertThat(String.valueOf(collector.get("image"))).startsWith("otel/opentelemetry-collector-contrib:");
		assertThat(DockerCompose.volumes(DockerCompose.resolved(), "otel-collector")).anyMatch(
				(volume) -> volume.endsWith("/deploy/otel-collector/config.yaml:/etc/otelcol-contrib/config.yaml:ro"));
		assertThat(DockerCompose.environment("otel-collector")).containsEntry("XORSTACK_TRACE_SAMPLING_PERCENTAGE",
				"10");
		Map<String, Object> config = Repo.yamlDocuments(Repo.read("deploy/otel-collector/config.yaml")).get(0);
		Map<String, Object> sampling = Repo.at(config, "processors", "tail_sampling");
		assertThat(Repo.list(sampling.get("policies"))).map((policy) -> Repo.map(policy).get("type"))
			.contains("status_code", "latency", "probabilistic");
		assertThat(Repo.read("deploy/otel-collector/config.yaml"))
			.contains("sampling_percentage: ${env:XORSTACK_TRACE_SAMPLING_PERCENTAGE:-10}");
		Map<String, Object> pipeline = Repo.at(config, "service", "pipelines", "traces");
		assertThat(Repo.list(pipeline.get("processors"))).contains("tail_sampling");
		List<Object> exporters = Repo.list(pipeline.get("exporters"));
		assertThat(exporters).singleElement()
			.satisfies((exporter) -> assertThat(Repo.at(config, "exporters", String.valueOf(exporter)).get("endpoint"))
				.isEqualTo("jaeger:4317"));
	}

	@Test
	void jaegerKeepsTracesInBadgerOnAVolume() {
		List<String> volumes = DockerCompose.volumes(DockerCompose.resolved(), "jaeger");
		assertThat(volumes).contains("jaeger-data:/tmp:rw");
		assertThat(Repo.map(DockerCompose.resolved().get("volumes"))).containsKey("jaeger-data");
		Map<String, Object> config = Repo.yamlDocuments(Repo.read("deploy/jaeger/config.yaml")).get(0);
		Map<String, Object> badger = Repo.at(config, "extensions", "jaeger_storage", "backends", "badger_store",
				"badger");
		assertThat(badger.get("ephemeral")).isEqualTo(false);
		assertThat(Repo.map(badger.get("directories")).values())
			.allSatisfy((directory) -> assertThat(String.valueOf(directory)).startsWith("/tmp/"));
		assertThat(Repo.list(DockerCompose.service("jaeger").get("ports"))).map(String::valueOf)
			.allSatisfy((port) -> assertThat(port).startsWith("127.0.0.1:"));
	}

	@Test
	void prometheusAlertsThroughAlertmanagerToTheWebhookOfTheEnvironment() {
		Map<String, Object> alertmanager = DockerCompose.service("alertmanager");
		assertThat(Repo.list(alertmanager.get("profiles"))).containsExactly("metrics");
		Map<String, Object> prometheus = Repo.yamlDocuments(Repo.read("deploy/prometheus/prometheus.yml")).get(0);
		assertThat(String.valueOf(prometheus.get("alerting"))).contains("alertmanager:9093");
		String command = String.join(" ",
				Repo.list(alertmanager.get("command")).stream().map(String::valueOf).toList());
		assertThat(command).contains("> /tmp/webhook-url", "$$ALERTMANAGER_WEBHOOK_URL",
				"--config.file=/etc/alertmanager/alertmanager.yml");
		assertThat(Repo.read("deploy/alertmanager/alertmanager.yml")).contains("url_file: /tmp/webhook-url");
		assertThat(DockerCompose.volumes(DockerCompose.resolved(), "alertmanager")).anyMatch((volume) -> volume
			.endsWith("/deploy/alertmanager/alertmanager.yml:/etc/alertmanager/alertmanager.yml:ro"));
		for (String unauthenticated : List.of("prometheus", "alertmanager", "grafana")) {
			assertThat(Repo.list(DockerCompose.service(unauthenticated).get("ports"))).as(unauthenticated)
				.map(String::valueOf)
				.allSatisfy((port) -> assertThat(port).startsWith("127.0.0.1:"));
		}
	}

}
