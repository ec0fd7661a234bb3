package com.xorstack.metrics.alerting;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code xorstack.alerting.sms}: the SMS provider's Messages API (Twilio's
 * shape: {@code POST <base-url>/2010-04-01/Accounts/<account-sid>/Messages.json}, form
 * {@code To}, {@code From}, {@code Body}, basic authentication with the account SID and
 * auth token), and the sender number. The SID and token are secrets from the environment;
 * no API answers them.
 */
@ConfigurationProperties("xorstack.alerting.sms")
record SmsProperties(@DefaultValue("https://api.twilio.com") String baseUrl, @Nullable String accountSid,
		@Nullable String authToken, @Nullable String from) {

	boolean configured() {
		return present(this.accountSid) && present(this.authToken) && present(this.from);
	}

	private static boolean present(@Nullable String value) {
		return value != null && !value.isBlank();
	}

}
