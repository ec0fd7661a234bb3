package com.xorstack.gateway.requestlog;

import io.micrometer.core.instrument.MeterRegistry;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.core.KafkaTemplate;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RequestLogProperties.class)
@ConditionalOnBooleanProperty(name = "xorstack.gateway.request-events.enabled", matchIfMissing = true)
class RequestLogConfiguration {

	@Bean
	RequestEventBuffer requestEventBuffer(RequestLogProperties properties, MeterRegistry meters) {
		return new RequestEventBuffer(properties.bufferCapacity(), meters);
	}

	@Bean
	RequestEventSender requestEventSender(RequestEventBuffer buffer, KafkaTemplate<String, byte[]> kafka,
			JsonMapper json, RequestLogProperties properties) {
		return new RequestEventSender(buffer, kafka, json, properties);
	}

	@Bean
	RequestLogWebFilter requestLogWebFilter(RequestEventBuffer buffer) {
		return new RequestLogWebFilter(buffer);
	}

	@Bean
	CallerCaptureGlobalFilter callerCaptureGlobalFilter() {
		return new CallerCaptureGlobalFilter();
	}

}
