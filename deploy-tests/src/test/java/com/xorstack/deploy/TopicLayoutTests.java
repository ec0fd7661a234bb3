package com.xorstack.deploy;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import com.xorstack.platform.events.TopicAccess;
import com.xorstack.platform.events.TopicLayout;
import com.xorstack.platform.events.Topics;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Platform's TopicLayout, which the KafkaTopics are checked against, against the
 * services' own {@code TopicBuilder} declarations: whichever service starts first makes
 * the topic, so every declaration of a topic must ask for the same partitions.
 */
class TopicLayoutTests {

	private static final Pattern DECLARATION = Pattern
		.compile("TopicBuilder\\.name\\(Topics\\.([A-Z_]+)\\)\\s*\\.partitions\\(([A-Za-z_0-9]+)\\)");

	@Test
	void everyServiceDeclaresATopicWithThePartitionsOfTopicLayout() throws Exception {
		Map<String, List<String>> declarers = new HashMap<>();
		for (String module : modules()) {
			for (Path source : sources(module)) {
				String java = Files.readString(source);
				Matcher declaration = DECLARATION.matcher(java);
				while (declaration.find()) {
					String topic = (String) Topics.class.getField(declaration.group(1)).get(null);
					int partitions = partitions(java, declaration.group(2));
					assertThat(partitions).as("%s declares %s in %s", module, topic, source.getFileName())
						.isEqualTo(TopicLayout.of(topic).orElseThrow().partitions());
					declarers.computeIfAbsent(topic, (name) -> new ArrayList<>()).add(module);
				}
			}
		}
		for (TopicLayout layout : TopicLayout.ALL) {
			if (layout.topic().equals(Topics.AUDIT_CHAIN_HEAD)) {
				// named by a property (tests keep a chain per database);
				// AuditConfiguration
				assertThat(Repo.read("auth-service/src/main/java/com/xorstack/auth/audit/AuditConfiguration.java"))
					.contains(".partitions(1)", "CLEANUP_POLICY_COMPACT");
				continue;
			}
			String owner = TopicAccess.of(layout.topic()).orElseThrow().owner();
			assertThat(declarers.get(layout.topic())).as("the owner declares " + layout.topic()).contains(owner);
		}
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

	/** A literal, or a constant of the same file ({@code INGEST_PARTITIONS = 3}). */
	private static int partitions(String java, String expression) {
		if (expression.matches("\\d+")) {
			return Integer.parseInt(expression);
		}
		Matcher constant = Pattern.compile("int " + expression + " = (\\d+);").matcher(java);
		assertThat(constant.find()).as("the value of " + expression).isTrue();
		return Integer.parseInt(constant.group(1));
	}

}
