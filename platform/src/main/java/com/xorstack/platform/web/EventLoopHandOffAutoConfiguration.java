package com.xorstack.platform.web;

import reactor.netty.Connection;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.server.WebFilter;

/**
 * Registers the {@link EventLoopHandOffWebFilter} in every reactive web application on
 * Reactor Netty, unless {@code xorstack.web.event-loop-hand-off.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
@ConditionalOnClass(Connection.class)
@ConditionalOnBooleanProperty(name = "xorstack.web.event-loop-hand-off.enabled", matchIfMissing = true)
public class EventLoopHandOffAutoConfiguration {

	@Bean
	WebFilter eventLoopHandOffWebFilter() {
		return new EventLoopHandOffWebFilter();
	}

}
