package com.xorstack.platform.errors;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Sentry settings under the SDK's own names, so that {@code SENTRY_DSN},
 * {@code SENTRY_ENVIRONMENT} and {@code SENTRY_RELEASE} set them. No DSN: no SDK, no
 * network.
 *
 * @param dsn where events go; empty to report nothing
 * @param environment such as {@code production} or {@code staging}
 * @param release defaults to {@code xorstack@<project version>}
 */
@ConfigurationProperties("sentry")
public record SentryProperties(@Nullable String dsn, @DefaultValue("production") String environment,
		@Nullable String release) {

	public boolean enabled() {
		return this.dsn != null && !this.dsn.isBlank();
	}

}
