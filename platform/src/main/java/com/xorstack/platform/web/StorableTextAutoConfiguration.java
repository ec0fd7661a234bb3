package com.xorstack.platform.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.web.server.WebFilter;

/**
 * Adds the {@link StorableTextModule} to every service's JSON mapper: one rule for every
 * request body and event, instead of a constraint on each text field that one new field
 * would forget.
 */
@AutoConfiguration
@ConditionalOnClass(JsonMapperBuilderCustomizer.class)
public class StorableTextAutoConfiguration {

	@Bean
	JsonMapperBuilderCustomizer storableText() {
		return (builder) -> builder.addModule(new StorableTextModule());
	}

	/** The same rule for query parameters, in every reactive web application. */
	@Bean
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	WebFilter storableQuery() {
		return new StorableQueryWebFilter();
	}

}
