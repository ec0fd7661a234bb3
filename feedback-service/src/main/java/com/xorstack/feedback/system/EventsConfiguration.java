package com.xorstack.feedback.system;

import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import com.xorstack.platform.outbox.OutboxConfiguration;

@Configuration(proxyBeanMethods = false)
@Import(OutboxConfiguration.class)
class EventsConfiguration {

}
