package com.xorstack.metrics.dashboard;

import org.junit.jupiter.api.Test;

import com.xorstack.devstack.TestStack;
import com.xorstack.metrics.MetricsIntegrationTest;

class DashboardIntegrationTests extends MetricsIntegrationTest {

	@Test
	void adminReadsTheSummary() {
		this.web.get()
			.uri("/api/admin/dashboard/summary?window=15m")
			.headers((headers) -> headers.setBearerAuth(TestStack.get().passwordToken("demo-admin")))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody()
			.jsonPath("$.window")
			.isEqualTo("15m")
			.jsonPath("$.pendingFeedback")
			.isNumber();
	}

	@Test
	void moderatorAndUserAreForbidden() {
		for (String user : new String[] { "demo-user", "demo-moderator" }) {
			this.web.get()
				.uri("/api/admin/dashboard/summary")
				.headers((headers) -> headers.setBearerAuth(TestStack.get().passwordToken(user)))
				.exchange()
				.expectStatus()
				.isForbidden();
		}
	}

	@Test
	void badWindowNamesTheParameter() {
		for (String window : new String[] { "abc", "0m", "31d", "15s" }) {
			this.web.get()
				.uri("/api/admin/dashboard/summary?window={window}", window)
				.headers((headers) -> headers.setBearerAuth(TestStack.get().passwordToken("demo-admin")))
				.exchange()
				.expectStatus()
				.isBadRequest()
				.expectBody()
				.jsonPath("$.errors[0].field")
				.isEqualTo("window");
		}
	}

}
