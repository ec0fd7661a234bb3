package com.xorstack.deploy;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.xorstack.platform.events.TopicLayout;
import com.xorstack.platform.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Platform's one table of topics, which the KafkaTopics are checked against, is also the
 * only place the services' topics are declared (platform's
 * {@code TopicDeclarationsAutoConfiguration}): no service builds a topic of its own,
 * where its partitions could drift from the table's (whichever service starts first makes
 * the topic).
 */
class TopicLayoutTests {

	private static final Pattern OWN_DECLARATION = Pattern.compile("TopicBuilder\\.name|new NewTopic\\(");

	@Test
	void noServiceDeclaresATopicOutsideTheTable() throws Exception {
		List<String> declarations = new ArrayList<>();
		for (String module : modules()) {
			for (Path source : sources(module)) {
				if (OWN_DECLARATION.matcher(Files.readString(source)).find()) {
					declarations.add(module + ": " + source.getFileName());
				}
			}
		}
		// platform's TopicLayout makes the NewTopics of the table
		assertThat(declarations).containsExactly("platform: TopicLayout.java");
	}

	@Test
	void everyTopicOfTopicsHasALayout() throws IllegalAccessException {
		for (Field field : Topics.class.getFields()) {
			if (field.getType() == String.class) {
				assertThat(TopicLayout.of((String) field.get(null))).as(field.getName()).isPresent();
			}
		}
	}

	private static List<String> modules() {
		List<String> modules = new ArrayList<>(Repo.SERVICES);
		modules.add("platform");
		return modules;
	}

	private static List<Path> sources(String module) throws IOException {
		try (Stream<Path> files = Files.walk(Repo.path(module + "/src/main/java"))) {
			return files.filter((file) -> file.toString().endsWith(".java")).toList();
		}
	}

}
