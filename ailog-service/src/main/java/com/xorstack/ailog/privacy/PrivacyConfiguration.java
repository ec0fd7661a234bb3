package com.xorstack.ailog.privacy;

import java.time.Clock;

import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(PrivacyProperties.class)
class PrivacyConfiguration {

	@Bean
	Redactor redactor(PrivacyProperties properties, JsonMapper json) {
		return new Redactor(properties, json, Clock.systemUTC());
	}

}
