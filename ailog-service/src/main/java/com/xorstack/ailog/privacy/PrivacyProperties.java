package com.xorstack.ailog.privacy;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the ingest may keep (docs/PRIVACY.md).
 *
 * @param attributes the {@code attributes} keys kept (an entry ending in {@code .*} keeps
 * every key under it); every other key is dropped on ingest
 * @param captureContent whether OpenTelemetry content attributes (prompts, completions,
 * messages, system instructions, tool arguments and results) are kept, redacted like the
 * output preview; off, they are dropped
 * @param contentAttributes the keys that hold content ({@code .*} as above)
 * @param identifierFields names of further fields (any case style) whose values are
 * redacted wherever they appear, beside the built-in ones ({@code patientName},
 * {@code dob}, {@code mrn}, ...)
 */
@ConfigurationProperties("xorstack.ailog.privacy")
public record PrivacyProperties(@Nullable List<String> attributes, boolean captureContent,
		@Nullable List<String> contentAttributes, @Nullable List<String> identifierFields) {

	private static final List<String> ATTRIBUTES = List.of("region", "deployment", "deployment.environment",
			"app.version", "service.version", "feature", "locale", "experiment", "variant", "cloud.region",
			"server.address", "server.port", "gen_ai.request.*", "gen_ai.response.id", "gen_ai.agent.name",
			"gen_ai.agent.id", "gen_ai.tool.name", "gen_ai.tool.type", "gen_ai.output.type", "gen_ai.data_source.id");

	private static final List<String> CONTENT_ATTRIBUTES = List.of("gen_ai.prompt", "gen_ai.prompt.*",
			"gen_ai.completion", "gen_ai.completion.*", "gen_ai.input.messages", "gen_ai.output.messages",
			"gen_ai.system_instructions", "gen_ai.tool.call.arguments", "gen_ai.tool.call.result",
			"gen_ai.tool.definitions", "gen_ai.user.message", "gen_ai.assistant.message", "gen_ai.choice");

	// the defaults in one place, for Spring's binding and for defaults() alike
	public PrivacyProperties {
		attributes = (attributes != null) ? List.copyOf(attributes) : ATTRIBUTES;
		contentAttributes = (contentAttributes != null) ? List.copyOf(contentAttributes) : CONTENT_ATTRIBUTES;
		identifierFields = (identifierFields != null) ? List.copyOf(identifierFields) : List.of();
	}

	/**
	 * The defaults, for tests and benchmarks that build a {@link Redactor} themselves.
	 */
	public static PrivacyProperties defaults() {
		return new PrivacyProperties(null, false, null, null);
	}

	public PrivacyProperties withCaptureContent(boolean capture) {
		return new PrivacyProperties(this.attributes, capture, this.contentAttributes, this.identifierFields);
	}

}
