package com.xorstack.gateway.console;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;

import com.xorstack.gateway.GatewayApplication;
import com.xorstack.gateway.StandInServices;

import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Console sessions in Redis hold tokens: without the key to encrypt them the gateway
 * refuses to start, saying which variable to set.
 */
class ConsoleSessionKeyRequiredTests {

	@Test
	void withSessionsInRedisAndNoKeyTheGatewayDoesNotStart() {
		Map<String, String> properties = new LinkedHashMap<>(StandInServices.properties(1));
		properties.put("xorstack.gateway.console.session-key", "");
		properties.put("xorstack.gateway.rate-limit.redis-enabled", "true");
		properties.put("server.port", "0");
		properties.put("management.server.port", "0");
		String[] arguments = properties.entrySet()
			.stream()
			.map((property) -> "--" + property.getKey() + "=" + property.getValue())
			.toArray(String[]::new);

		assertThatException().isThrownBy(() -> new SpringApplicationBuilder(GatewayApplication.class).run(arguments))
			.havingRootCause()
			.withMessageStartingWith("XORSTACK_CONSOLE_SESSION_KEY is not set");
	}

}
