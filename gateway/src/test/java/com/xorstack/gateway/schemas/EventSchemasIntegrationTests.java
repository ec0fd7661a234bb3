package com.xorstack.gateway.schemas;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import com.xorstack.gateway.StandInServer;
import com.xorstack.gateway.StandInServices;
import com.xorstack.platform.events.EventTypes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The event contract is published at the gateway, without a token: an index of every
 * event type's schema, and each schema as the platform jar holds it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "xorstack.gateway.rate-limit.redis-enabled=false", "management.server.port=0" })
@AutoConfigureWebTestClient(timeout = "20s")
class EventSchemasIntegrationTests {

	@RegisterExtension
	static final StandInServer services = StandInServer.of(StandInServices.answeringEmptyJson());

	@Autowired
	WebTestClient web;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		StandInServices.register(registry, services.port());
	}

	@Test
	void everyEventTypeHasItsSchemaPublished() {
		List<Map<String, String>> items = this.web.get()
			.uri("/schemas")
			.exchange()
			.expectStatus()
			.isOk()
			.expectHeader()
			.cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
			.expectBody(new ParameterizedTypeReference<Map<String, List<Map<String, String>>>>() {
			})
			.returnResult()
			.getResponseBody()
			.get("items");
		assertThat(items).extracting((item) -> item.get("type")).containsAll(eventTypes());
		for (Map<String, String> item : items) {
			assertThat(item.get("description")).as(item.get("type")).isNotBlank();
			Map<String, Object> schema = this.web.get()
				.uri(item.get("schema"))
				.exchange()
				.expectStatus()
				.isOk()
				.expectHeader()
				.contentType(EventSchemasController.SCHEMA_JSON)
				.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
				})
				.returnResult()
				.getResponseBody();
			assertThat(schema).containsEntry("title", item.get("type"))
				.containsEntry("$schema", "https://json-schema.org/draft/2020-12/schema");
			assertThat((String) schema.get("$id")).endsWith(item.get("schema"));
		}
	}

	@Test
	void anUnknownSchemaIsAProblem() {
		this.web.get()
			.uri("/schemas/nothing.v1.json")
			.exchange()
			.expectStatus()
			.isNotFound()
			.expectHeader()
			.contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
			.expectBody()
			.jsonPath("$.detail")
			.value((detail) -> assertThat((String) detail).contains("nothing.v1.json"));
	}

	private static List<String> eventTypes() {
		return Arrays.stream(EventTypes.class.getFields())
			.filter((field) -> Modifier.isStatic(field.getModifiers()) && field.getType() == String.class)
			.map(EventSchemasIntegrationTests::value)
			.filter((value) -> value.startsWith("com.xorstack."))
			.toList();
	}

	private static String value(Field field) {
		try {
			return (String) field.get(null);
		}
		catch (IllegalAccessException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
