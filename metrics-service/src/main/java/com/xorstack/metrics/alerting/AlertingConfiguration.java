package com.xorstack.metrics.alerting;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import com.xorstack.platform.outbox.OutboxConfiguration;

/** Alerting settings, and the outbox that carries {@code alerts.events.v1}. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ AlertingProperties.class, SmsProperties.class })
@Import(OutboxConfiguration.class)
class AlertingConfiguration {

}
