package com.xorstack.metrics.outbound;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The guard with the configured allow-list and the JDK's resolver. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OutboundProperties.class)
class OutboundConfiguration {

	@Bean
	OutboundGuard outboundGuard(OutboundProperties properties) {
		return new OutboundGuard(properties.allowedHosts(), OutboundGuard.SYSTEM_DNS);
	}

}
