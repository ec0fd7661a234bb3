package com.xorstack.gateway.console;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.server.session.DefaultWebSessionManager;
import org.springframework.web.server.session.InMemoryWebSessionStore;
import org.springframework.web.server.session.WebSessionManager;

import com.xorstack.gateway.StandInServer;
import com.xorstack.gateway.StandInServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With Redis switched off the console keeps working, its sessions in this process.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "xorstack.gateway.rate-limit.redis-enabled=false", "management.server.port=0" })
class ConsoleInMemorySessionsIntegrationTests {

	@RegisterExtension
	static final StandInServer downstream = StandInServer.of(StandInServices.answeringEmptyJson());

	@LocalServerPort
	int port;

	@Autowired
	ApplicationContext context;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		StandInServices.register(registry, downstream.port());
	}

	@Test
	void withoutRedisTheConsoleSignsInWithSessionsInMemory() throws Exception {
		WebSessionManager manager = this.context.getBean(WebSessionManager.class);
		assertThat(manager).isInstanceOf(DefaultWebSessionManager.class);
		assertThat(((DefaultWebSessionManager) manager).getSessionStore()).isInstanceOf(InMemoryWebSessionStore.class);
		assertThat(this.context.getBeansOfType(ReactiveSessionRepository.class)).isEmpty();

		ConsoleSignIn browser = new ConsoleSignIn("http://127.0.0.1:" + this.port);
		assertThat(browser.signIn("demo-admin").statusCode()).isEqualTo(200);
		assertThat(browser.cookie("XORSTACK_SESSION")).isPresent();
		HttpResponse<String> session = browser.get("/bff/session");
		assertThat(session.statusCode()).isEqualTo(200);
		assertThat(browser.get("/bff/api/me").statusCode()).isEqualTo(200);
		// no SENTRY_BROWSER_DSN: the page is told of no Sentry and may reach nothing more
		assertThat(session.body()).doesNotContain("sentry");
		assertThat(browser.get("/admin/").headers().firstValue("Content-Security-Policy").orElseThrow())
			.contains("connect-src 'self';");
	}

}
