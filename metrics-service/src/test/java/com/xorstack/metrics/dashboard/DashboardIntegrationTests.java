package com.xorstack.metrics.dashboard;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.xorstack.devstack.TestStack;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
class DashboardIntegrationTests {

	@Autowired
	WebTestClient web;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		TestStack.get().springProperties("metrics").forEach((name, value) -> registry.add(name, () -> value));
	}

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
