package com.xorstack.metrics.uptime;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** Uptime settings. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(UptimeProperties.class)
class UptimeConfiguration {

}
