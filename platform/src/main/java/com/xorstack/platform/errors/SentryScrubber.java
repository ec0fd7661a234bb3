package com.xorstack.platform.errors;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import io.sentry.Hint;
import io.sentry.SentryEvent;
import io.sentry.SentryOptions;
import io.sentry.protocol.Message;
import io.sentry.protocol.Request;
import io.sentry.protocol.SentryException;
import org.jspecify.annotations.Nullable;

/**
 * The last step before an event leaves for Sentry (its {@code beforeSend}): whatever the
 * SDK or a later integration put in, only what is listed here goes out. No user, no
 * breadcrumbs (log lines), no extras, no request body, query, cookies or headers outside
 * {@link #HEADERS}, no contexts but the trace and the runtime, tags only from
 * {@link #TAGS}, and messages and the URL's path through {@link ScrubbedText}. This is
 * health data: a field that is not listed is dropped, not trusted.
 */
final class SentryScrubber implements SentryOptions.BeforeSendCallback {

	/** Headers that say how a request was made, never who made it. */
	static final Set<String> HEADERS = Set.of("accept", "content-type", "content-length");

	static final Set<String> TAGS = Set.of("service", "route", "status", "http.method", "trace_id");

	static final Set<String> CONTEXTS = Set.of("trace", "runtime");

	@Override
	public SentryEvent execute(SentryEvent event, Hint hint) {
		event.setUser(null);
		event.setBreadcrumbs(null);
		event.setExtras(null);
		event.setModules(null);
		event.setServerName(null);
		event.setRequest(request(event.getRequest()));
		if (event.getTags() != null) {
			Map<String, String> tags = new TreeMap<>(event.getTags());
			tags.keySet().retainAll(TAGS);
			event.setTags(tags);
		}
		for (String key : Collections.list(event.getContexts().keys())) {
			if (!CONTEXTS.contains(key)) {
				event.getContexts().remove(key);
			}
		}
		event.setMessage(message(event.getMessage()));
		if (event.getExceptions() != null) {
			for (SentryException exception : event.getExceptions()) {
				exception.setValue(ScrubbedText.of(exception.getValue()));
			}
		}
		return event;
	}

	private static @Nullable Request request(@Nullable Request original) {
		if (original == null) {
			return null;
		}
		Request request = new Request();
		request.setMethod(original.getMethod());
		request.setUrl(ScrubbedText.of(withoutQuery(original.getUrl())));
		if (original.getHeaders() != null) {
			Map<String, String> headers = new TreeMap<>();
			original.getHeaders().forEach((name, value) -> {
				if (HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
					headers.put(name, value);
				}
			});
			request.setHeaders(headers);
		}
		return request;
	}

	private static @Nullable String withoutQuery(@Nullable String url) {
		if (url == null) {
			return null;
		}
		int cut = url.indexOf('?');
		int fragment = url.indexOf('#');
		if (cut < 0 || (fragment >= 0 && fragment < cut)) {
			cut = fragment;
		}
		return (cut >= 0) ? url.substring(0, cut) : url;
	}

	private static @Nullable Message message(@Nullable Message original) {
		if (original == null) {
			return null;
		}
		Message message = new Message();
		message.setFormatted(ScrubbedText.of(original.getFormatted()));
		message.setMessage(ScrubbedText.of(original.getMessage()));
		return message;
	}

}
