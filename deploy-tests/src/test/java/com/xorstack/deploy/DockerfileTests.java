package com.xorstack.deploy;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The one Dockerfile all services are built with. */
class DockerfileTests {

	private final String dockerfile = Repo.read("Dockerfile");

	@Test
	void buildsFromSourceInStagesAndRunsLayeredAsNonRootWithTheAgent() {
		assertThat(this.dockerfile).contains("./mvnw", "-pl \"${MODULE}\" -am",
				"java -Djarmode=tools -jar app.jar extract --layers --launcher",
				"-javaagent:/opt/opentelemetry/opentelemetry-javaagent.jar",
				"org.springframework.boot.loader.launch.JarLauncher");
		assertThat(Pattern.compile("(?m)^FROM ").matcher(this.dockerfile).results().count()).isEqualTo(3);
		Matcher user = Pattern.compile("(?m)^USER (\\S+)").matcher(this.dockerfile);
		assertThat(user.find()).isTrue();
		assertThat(user.group(1)).doesNotStartWith("root").doesNotStartWith("0");
	}

	@Test
	void theAgentIsTheVersionTheBuildResolves() {
		Matcher pom = Pattern.compile("<opentelemetry-javaagent.version>([^<]+)<").matcher(Repo.read("pom.xml"));
		Matcher image = Pattern.compile("ARG OTEL_AGENT_VERSION=(\\S+)").matcher(this.dockerfile);
		assertThat(pom.find()).isTrue();
		assertThat(image.find()).isTrue();
		assertThat(image.group(1)).isEqualTo(pom.group(1));
	}

	@Test
	void theExecJarItCopiesIsTheOneTheBuildMakes() {
		// the root pom attaches the runnable jar with the classifier "exec"
		assertThat(Repo.read("pom.xml")).contains("<classifier>exec</classifier>");
		assertThat(this.dockerfile).contains("${MODULE}/target/${MODULE}-\"*-exec.jar");
	}

}
