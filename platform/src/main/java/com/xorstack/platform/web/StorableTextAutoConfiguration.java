package com.xorstack.platform.web;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;

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

}
