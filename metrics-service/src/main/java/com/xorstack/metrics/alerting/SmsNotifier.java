package com.xorstack.metrics.alerting;

import java.net.URI;

import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriComponentsBuilder;

import com.xorstack.metrics.outbound.OutboundHttp;

/**
 * Sends a notification as one SMS through the provider's Messages API, through the
 * outbound guard like every other HTTP receiver (the base URL is configuration, but the
 * request leaves the network the same way). The text is the notification's summary on one
 * line per change, cut at {@link #MAX_LENGTH} (a provider's limit for one message).
 */
@Component
class SmsNotifier {

	static final int MAX_LENGTH = 1600;

	private final SmsProperties properties;

	private final WebClient web;

	SmsNotifier(SmsProperties properties, OutboundHttp outbound) {
		this.properties = properties;
		this.web = outbound.client();
	}

	Mono<Void> send(String to, AlertGroup group, long delivery) {
		if (!this.properties.configured()) {
			return Mono.error(new IllegalStateException("SMS is not configured: set XORSTACK_SMS_ACCOUNT_SID,"
					+ " XORSTACK_SMS_AUTH_TOKEN and XORSTACK_SMS_FROM"));
		}
		MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
		form.add("To", to);
		form.add("From", String.valueOf(this.properties.from()));
		form.add("Body", text(group));
		return this.web.post()
			.uri(messages())
			.headers((headers) -> headers.setBasicAuth(String.valueOf(this.properties.accountSid()),
					String.valueOf(this.properties.authToken())))
			.header("X-Xorstack-Delivery", Long.toString(delivery))
			.contentType(MediaType.APPLICATION_FORM_URLENCODED)
			.body(BodyInserters.fromFormData(form))
			.retrieve()
			.onStatus(HttpStatusCode::is3xxRedirection, ClientResponse::createException)
			.toBodilessEntity()
			.then();
	}

	static String text(AlertGroup group) {
		String text = group.summary(Markup::plain);
		return (text.length() > MAX_LENGTH) ? text.substring(0, MAX_LENGTH - 1) + "\u2026" : text;
	}

	private URI messages() {
		String base = this.properties.baseUrl().replaceAll("/+$", "");
		return UriComponentsBuilder.fromUriString(base)
			.path("/2010-04-01/Accounts/{sid}/Messages.json")
			.buildAndExpand(this.properties.accountSid())
			.encode()
			.toUri();
	}

}
