package com.xorstack.gateway.edge;

import org.junit.jupiter.api.Test;

import com.xorstack.gateway.console.BrowserSentryProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SecurityHeadersPolicyTests {

	@Test
	void withoutABrowserDsnThePoliciesAreUnchanged() {
		BrowserSentryProperties none = new BrowserSentryProperties("", null, null);
		assertThat(none.enabled()).isFalse();
		assertThat(SecurityHeadersWebFilter.policy("/admin/", none.origin()))
			.isEqualTo(SecurityHeadersWebFilter.CONSOLE_POLICY);
		assertThat(SecurityHeadersWebFilter.policy("/widget/demo.html", none.origin()))
			.isEqualTo(SecurityHeadersWebFilter.WIDGET_POLICY);
	}

	@Test
	void theDsnOriginAloneIsAddedToTheConsoleAndWidgetPages() {
		String origin = new BrowserSentryProperties("https://key@o1.ingest.sentry.example/42", null, null).origin();
		assertThat(origin).isEqualTo("https://o1.ingest.sentry.example");
		assertThat(SecurityHeadersWebFilter.policy("/admin/", origin))
			.contains("connect-src 'self' https://o1.ingest.sentry.example;");
		assertThat(SecurityHeadersWebFilter.policy("/widget/demo.html", origin))
			.contains("connect-src 'self' https://o1.ingest.sentry.example;");
		assertThat(SecurityHeadersWebFilter.policy("/status", origin))
			.isEqualTo(SecurityHeadersWebFilter.STATUS_POLICY);
		assertThat(SecurityHeadersWebFilter.policy("/api/me", origin)).isEqualTo(SecurityHeadersWebFilter.API_POLICY);
	}

	@Test
	void aDsnThatIsNotAnHttpUrlIsRefusedAtStart() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new BrowserSentryProperties("javascript:alert(1)//x@y/1", null, null))
			.withMessageContaining("SENTRY_BROWSER_DSN");
		assertThatIllegalArgumentException().isThrownBy(() -> new BrowserSentryProperties("https://a b", null, null))
			.withMessageContaining("SENTRY_BROWSER_DSN");
	}

}
