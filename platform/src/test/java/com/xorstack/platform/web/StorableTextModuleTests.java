package com.xorstack.platform.web;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class StorableTextModuleTests {

	private final JsonMapper json = JsonMapper.builder().addModule(new StorableTextModule()).build();

	@Test
	void aNulAnywhereInTextIsRefusedNamingItsPath() {
		assertThat(path("{\"text\": \"a\\u0000b\"}")).isEqualTo("text");
		assertThat(path("{\"text\": \"ok\", \"list\": [\"x\", \"\\u0000\"]}")).isEqualTo("list[1]");
		assertThat(path("{\"text\": \"ok\", \"map\": {\"k\": \"v\\u0000\"}}")).isEqualTo("map.k");
		assertThat(path("{\"text\": \"ok\", \"map\": {\"k\\u0000\": \"v\"}}")).startsWith("map");
		assertThat(path("{\"text\": \"ok\", \"any\": {\"k\": \"v\\u0000\"}}")).isEqualTo("any.k");
	}

	@Test
	void otherTextIsReadAsBefore() {
		Body body = this.json.readValue(
				"{\"text\": \"caf\\u00e9 \\ud83d\\ude00\", \"list\": [\"x\"], \"map\": {\"k\": \"v\"}, \"any\": null}",
				Body.class);
		assertThat(body.text()).isEqualTo("café 😀");
		assertThat(body.map()).containsEntry("k", "v");
	}

	private String path(String body) {
		JacksonException refused = catchThrowableOfType(JacksonException.class,
				() -> this.json.readValue(body, Body.class));
		assertThat(refused).isInstanceOf(UnstorableTextException.class);
		return ApiProblemHandler.path(refused);
	}

	record Body(String text, List<String> list, Map<String, String> map, Map<String, Object> any) {
	}

}
