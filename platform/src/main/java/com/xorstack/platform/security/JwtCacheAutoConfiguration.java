package com.xorstack.platform.security;

import java.time.Clock;
import java.time.Duration;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.security.oauth2.jwt.ReactiveJwtDecoder;

/**
 * Puts a {@link CachingReactiveJwtDecoder} in front of the application's
 * {@link ReactiveJwtDecoder} (the one Spring Boot builds from
 * {@code spring.security.oauth2.resourceserver.jwt.*}).
 * {@code xorstack.security.jwt-cache.enabled=false} turns it off;
 * {@code xorstack.security.jwt-cache.maximum-size} (default 10 000 tokens) and
 * {@code xorstack.security.jwt-cache.max-age} (default 5 minutes) bound it.
 */
@AutoConfiguration
@ConditionalOnClass({ ReactiveJwtDecoder.class, com.github.benmanes.caffeine.cache.Caffeine.class })
@ConditionalOnBooleanProperty(name = "xorstack.security.jwt-cache.enabled", matchIfMissing = true)
public class JwtCacheAutoConfiguration {

	@Bean
	static BeanPostProcessor cachingJwtDecoderPostProcessor(Environment environment) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof ReactiveJwtDecoder decoder && !(bean instanceof CachingReactiveJwtDecoder)) {
					return new CachingReactiveJwtDecoder(decoder,
							environment.getProperty("xorstack.security.jwt-cache.maximum-size", Long.class, 10_000L),
							environment.getProperty("xorstack.security.jwt-cache.max-age", Duration.class,
									Duration.ofMinutes(5)),
							Clock.systemUTC(), environment.getProperty("xorstack.security.clock-skew", Duration.class,
									CachingReactiveJwtDecoder.DEFAULT_CLOCK_SKEW));
				}
				return bean;
			}

		};
	}

}
