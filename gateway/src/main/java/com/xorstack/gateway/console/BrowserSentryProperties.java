package com.xorstack.gateway.console;

import java.net.URI;
import java.net.URISyntaxException;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

import com.xorstack.platform.errors.SentryProperties;

/**
 * Sentry for the console's and the widget's pages ({@code SENTRY_BROWSER_DSN}): a project
 * of its own beside the services' ({@code SENTRY_DSN}), since a browser DSN is public.
 * Empty: the pages load no SDK and the policy lets them reach nothing more.
 *
 * @param dsn the browser project's DSN, http(s) only
 * @param environment as the services' ({@code SENTRY_ENVIRONMENT})
 * @param release empty: {@code xorstack@<project version>}, as the services'
 */
@ConfigurationProperties("xorstack.gateway.browser-sentry")
public record BrowserSentryProperties(@Nullable String dsn, @Nullable String environment, @Nullable String release) {

	public BrowserSentryProperties {
		dsn = (dsn == null || dsn.isBlank()) ? null : dsn.strip();
		if (dsn != null) {
			origin(dsn);
		}
	}

	public boolean enabled() {
		return this.dsn != null;
	}

	/** Where the SDK posts (scheme, host, port): what the pages' connect-src adds. */
	public @Nullable String origin() {
		return (this.dsn != null) ? origin(this.dsn) : null;
	}

	public String releaseOrDefault() {
		return (this.release != null && !this.release.isBlank()) ? this.release : SentryProperties.defaultRelease();
	}

	private static String origin(String dsn) {
		try {
			URI uri = new URI(dsn);
			String scheme = uri.getScheme();
			if (uri.getHost() == null || !("https".equals(scheme) || "http".equals(scheme))) {
				throw new IllegalArgumentException(
						"xorstack.gateway.browser-sentry.dsn (SENTRY_BROWSER_DSN) must be an http(s) URL");
			}
			return scheme + "://" + uri.getHost() + ((uri.getPort() >= 0) ? ":" + uri.getPort() : "");
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException(
					"xorstack.gateway.browser-sentry.dsn (SENTRY_BROWSER_DSN) is not a URL: " + ex.getMessage(), ex);
		}
	}

}
