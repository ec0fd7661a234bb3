package com.xorstack.gateway.requestlog;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;
import org.springframework.kafka.core.KafkaTemplate;

import com.xorstack.platform.events.Topics;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RequestLogProperties.class)
@ConditionalOnBooleanProperty(name = "xorstack.gateway.request-events.enabled", matchIfMissing = true)
class RequestLogConfiguration {

	/**
	 * Created at start, so the first events do not wait for the broker to make it, with
	 * the raw events' retention.
	 */
	@Bean
	NewTopic gatewayRequestTopic(RequestLogProperties properties) {
		return TopicBuilder.name(Topics.GATEWAY_REQUEST)
			.partitions(3)
			.config(TopicConfig.RETENTION_MS_CONFIG, Long.toString(properties.retention().toMillis()))
			.build();
	}

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
