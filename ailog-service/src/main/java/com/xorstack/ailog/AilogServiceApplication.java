package com.xorstack.ailog;

import java.util.Arrays;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class AilogServiceApplication {

	public static void main(String[] args) {
		if (Arrays.stream(args).anyMatch((arg) -> arg.startsWith("--restore="))) {
			restore(args);
			return;
		}
		SpringApplication.run(AilogServiceApplication.class, args);
	}

	/**
	 * {@code --restore=<manifest>}: the same application without the web server, the
	 * Kafka listener or the retention schedule; restores, then exits.
	 */
	private static void restore(String[] args) {
		ConfigurableApplicationContext context = new SpringApplicationBuilder(AilogServiceApplication.class)
			.web(WebApplicationType.NONE)
			.properties("xorstack.ailog.ingest.kafka-enabled=false", "xorstack.ailog.retention.cron=-",
					"spring.kafka.admin.auto-create=false")
			.run(args);
		System.exit(SpringApplication.exit(context));
	}

}
