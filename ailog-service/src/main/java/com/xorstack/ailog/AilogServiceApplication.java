package com.xorstack.ailog;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class AilogServiceApplication {

	public static void main(String[] args) {
		SpringApplication.run(AilogServiceApplication.class, args);
	}

}
