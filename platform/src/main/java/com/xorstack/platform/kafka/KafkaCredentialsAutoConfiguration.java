package com.xorstack.platform.kafka;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Signs every Kafka client of a service in as its own principal: see
 * {@link KafkaCredentials} for the settings. Done on {@link KafkaProperties} before any
 * client factory reads it, so producers, consumers and the admin alike use it.
 */
@AutoConfiguration
@ConditionalOnClass(KafkaProperties.class)
public class KafkaCredentialsAutoConfiguration {

	@Bean
	static BeanPostProcessor kafkaCredentialsPostProcessor(Environment environment) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof KafkaProperties properties) {
					KafkaCredentials.from(environment).applyTo(properties);
				}
				return bean;
			}

		};
	}

}
