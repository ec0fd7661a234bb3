package com.xorstack.platform.errors;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

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

	/** {@link #release} or the build's: {@code xorstack@<project version>}. */
	public String releaseOrDefault() {
		return (this.release != null && !this.release.isBlank()) ? this.release : defaultRelease();
	}

	/** {@code xorstack@<project version>}, the browser's release too. */
	public static String defaultRelease() {
		try (InputStream in = SentryProperties.class.getResourceAsStream("/META-INF/xorstack-build.properties")) {
			Properties build = new Properties();
			if (in != null) {
				build.load(in);
			}
			return "xorstack@" + build.getProperty("version", "unknown");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
