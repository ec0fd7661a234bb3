package com.xorstack.metrics.uptime;

import java.net.URI;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import com.xorstack.platform.web.InvalidParameterException;

/**
 * The body of a create or replace of an uptime check: {@code http} (url, method,
 * expectedStatus or any 2xx, bodyContains) or {@code tcp} (host, port); timeout (1 s to
 * 60 s, below the interval), interval (30 s to 1 h) and failuresBeforeDown (1 to 10, the
 * configured default when absent). Each 400 names its field; unknown fields are refused
 * by the JSON reader.
 */
record CheckRequest(@Nullable String name, @Nullable String type, @Nullable String url, @Nullable String method,
		@Nullable Integer expectedStatus, @Nullable String bodyContains, @Nullable String host, @Nullable Integer port,
		@Nullable String timeout, @Nullable String interval, @Nullable Integer failuresBeforeDown) {

	static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "OPTIONS", "PATCH");

	private static final Duration MIN_INTERVAL = Duration.ofSeconds(30);

	private static final Duration MAX_INTERVAL = Duration.ofHours(1);

	/** Answers the check to store, with defaults filled in, or throws a 400. */
	CheckSpec validated(int defaultFailures) {
		if (this.name == null || this.name.isBlank() || this.name.length() > 100) {
			throw invalid("name", "must be 1 to 100 characters");
		}
		if (this.type == null || !Set.of("http", "tcp").contains(this.type)) {
			throw invalid("type", "must be one of [http, tcp]");
		}
		Duration interval = duration("interval", (this.interval != null) ? this.interval : "PT1M", MIN_INTERVAL,
				MAX_INTERVAL);
		Duration timeout = duration("timeout", (this.timeout != null) ? this.timeout : "PT10S", Duration.ofSeconds(1),
				Duration.ofSeconds(60));
		if (timeout.compareTo(interval) >= 0) {
			throw invalid("timeout", "must be shorter than the interval");
		}
		int failures = (this.failuresBeforeDown != null) ? this.failuresBeforeDown : defaultFailures;
		if (failures < 1 || failures > 10) {
			throw invalid("failuresBeforeDown", "must be between 1 and 10");
		}
		CheckSpec.Target target = "http".equals(this.type) ? http() : tcp();
		return new CheckSpec(this.name.strip(), this.type, target, timeout, interval, failures);
	}

	private CheckSpec.Target http() {
		if (this.host != null) {
			throw invalid("host", "is a field of tcp checks only");
		}
		if (this.port != null) {
			throw invalid("port", "is a field of tcp checks only");
		}
		if (this.url == null || this.url.length() > 2000 || !httpUrl(this.url)) {
			throw invalid("url", "must be an absolute http or https URL of at most 2000 characters");
		}
		String verb = (this.method != null) ? this.method : "GET";
		if (!METHODS.contains(verb)) {
			throw invalid("method", "must be one of " + METHODS.stream().sorted().toList());
		}
		if (this.expectedStatus != null && (this.expectedStatus < 100 || this.expectedStatus > 599)) {
			throw invalid("expectedStatus", "must be an HTTP status from 100 to 599 (absent: any 2xx)");
		}
		if (this.bodyContains != null && (this.bodyContains.isEmpty() || this.bodyContains.length() > 200)) {
			throw invalid("bodyContains", "must be 1 to 200 characters");
		}
		return new CheckSpec.Target(this.url, verb, this.expectedStatus, this.bodyContains, null, null, null);
	}

	private CheckSpec.Target tcp() {
		for (String field : new String[] { "url", "method", "bodyContains" }) {
			Object value = switch (field) {
				case "url" -> this.url;
				case "method" -> this.method;
				default -> this.bodyContains;
			};
			if (value != null) {
				throw invalid(field, "is a field of http checks only");
			}
		}
		if (this.expectedStatus != null) {
			throw invalid("expectedStatus", "is a field of http checks only");
		}
		if (this.host == null || this.host.isBlank() || this.host.length() > 253 || !hostName(this.host)) {
			throw invalid("host", "must be a host name or an IP address");
		}
		if (this.port == null || this.port < 1 || this.port > 65535) {
			throw invalid("port", "must be between 1 and 65535");
		}
		return new CheckSpec.Target(null, null, null, null, this.host.strip(), this.port, null);
	}

	private static boolean hostName(String text) {
		try {
			return URI.create("tcp://" + (text.contains(":") && !text.startsWith("[") ? "[" + text + "]" : text))
				.getHost() != null;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static boolean httpUrl(String text) {
		try {
			URI uri = URI.create(text);
			return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	private static Duration duration(String field, String text, Duration min, Duration max) {
		try {
			Duration parsed = Duration.parse(text);
			if (parsed.compareTo(min) < 0 || parsed.compareTo(max) > 0) {
				throw invalid(field, "must be between " + min + " and " + max);
			}
			return parsed;
		}
		catch (DateTimeParseException ex) {
			throw invalid(field, "must be an ISO-8601 duration such as PT30S");
		}
	}

	private static InvalidParameterException invalid(String field, String message) {
		return new InvalidParameterException(field, message);
	}

}
