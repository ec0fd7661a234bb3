package com.xorstack.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an operator sets: {@code .env.example} names every secret docker-compose.yml
 * requires, {@code deploy/tools/new-env.sh} fills them, and no secret of the repository's
 * own (the development realm's client secrets, old defaults) reaches a container.
 */
class DockerComposeSecretsTests {

	/** Values that are in the repository, so known to anyone. */
	private static final List<String> PUBLIC_VALUES = List.of("auth-service-secret", "xorstack-console-secret",
			"edge-functions-secret", "PASSWORD: xorstack\n", "PASSWORD: admin\n");

	@Test
	void theExampleEnvNamesEveryRequiredSecretEmpty() {
		Set<String> empty = new TreeSet<>();
		Repo.read(".env.example").lines().filter((line) -> line.matches("[A-Z][A-Z0-9_]*=")).forEach((line) -> {
			empty.add(line.substring(0, line.length() - 1));
		});
		assertThat(empty).isEqualTo(DockerCompose.REQUIRED_SECRETS.keySet());
	}

	@Test
	void anEnvMadeByNewEnvStartsTheProductionAndTheDevelopmentStack() throws Exception {
		String env = DockerCompose.run(List.of("bash", Repo.path("deploy/tools/new-env.sh").toString()), Map.of(), 60);
		Path file = Files.createTempFile("xorstack", ".env");
		try {
			Files.writeString(file, env);
			for (List<String> files : List.of(DockerCompose.PRODUCTION, DockerCompose.DEVELOPMENT)) {
				List<String> command = new java.util.ArrayList<>(
						List.of(DockerCompose.binary(), "--env-file", file.toString()));
				files.forEach((name) -> command.addAll(List.of("--file", Repo.path(name).toString())));
				command.add("config");
				String resolved = DockerCompose.run(command, Map.of(), 120);
				assertThat(resolved).as("%s", files).doesNotContain("test-");
			}
		}
		finally {
			Files.delete(file);
		}
		assertThat(Repo.read(".gitignore").lines()).contains(".env");
	}

	@Test
	void noContainerIsGivenASecretThatIsInTheRepository() {
		String production = DockerCompose.config(DockerCompose.REQUIRED_SECRETS);
		String development = DockerCompose.config(DockerCompose.DEVELOPMENT, DockerCompose.REQUIRED_SECRETS);
		for (String value : PUBLIC_VALUES) {
			assertThat(production).as("production").doesNotContain(value);
			assertThat(development).as("development").doesNotContain(value);
		}
	}

}
