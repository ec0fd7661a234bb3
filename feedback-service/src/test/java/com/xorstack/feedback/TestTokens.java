package com.xorstack.feedback;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a test needs to know from a token it holds.
 */
public final class TestTokens {

	private TestTokens() {
	}

	/** The {@code sub} claim, which the service records as the actor. */
	public static String subject(String user) {
		String payload = FeedbackApi.token(user).split("\\.")[1];
		byte[] json = Base64.getUrlDecoder().decode(payload);
		Map<String, Object> claims = JsonMapper.shared()
			.readValue(new String(json, StandardCharsets.UTF_8), new TypeReference<Map<String, Object>>() {
			});
		return (String) claims.get("sub");
	}

}
