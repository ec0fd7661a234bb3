package com.xorstack.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import tools.jackson.databind.json.JsonMapper;

/**
 * Realistic {@code ailog.call.v1} events, made up front so that generating them is never
 * part of a measurement: a dozen edge functions, the models of the price table with dated
 * response names, 5 000 users, one call in twenty an error, previews of 80 to 480
 * characters of which one in five carries a patient's name or date of birth for the
 * redactor. Every call gets a fresh random id, so that no run is absorbed as duplicates
 * of an earlier one.
 */
final class AiCallEvents {

	private static final String[] FUNCTIONS = { "summarize-sleep", "coach-reply", "triage-symptoms", "meal-plan",
			"embed-journal", "classify-feedback", "translate-note", "weekly-report", "chat-assistant",
			"extract-medication", "rank-articles", "moderate-post" };

	private static final String[][] MODELS = { { "openai", "gpt-4o", "gpt-4o-2024-08-06" },
			{ "openai", "gpt-4o-mini", "gpt-4o-mini-2024-07-18" },
			{ "openai", "text-embedding-3-small", "text-embedding-3-small" },
			{ "anthropic", "claude-sonnet-4", "claude-sonnet-4-20250514" },
			{ "anthropic", "claude-3-5-haiku", "claude-3-5-haiku-20241022" },
			{ "gcp.gemini", "gemini-2.0-flash", "gemini-2.0-flash-001" } };

	private static final String[] ERRORS = { "rate_limit_exceeded", "timeout", "context_length_exceeded",
			"server_error" };

	private static final String[] WORDS = ("your sleep last night was restful with two short awakenings and"
			+ " a steady heart rate try to keep the same bedtime this week and take a short walk after lunch the"
			+ " summary below lists the main points of the conversation and the suggested next steps")
		.split(" ");

	private static final String[] NAMES = { "Jane Doe", "Max Mustermann", "Ana Souza", "Li Wei", "Olu Adeyemi" };

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private AiCallEvents() {
	}

	/** {@code count} calls that occurred over the last six hours. */
	static List<AiCall> generate(int count, long seed) {
		SplittableRandom random = new SplittableRandom(seed);
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		List<AiCall> calls = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			calls.add(call(random, now.minusMillis(random.nextLong(6 * 3_600_000L))));
		}
		return calls;
	}

	private static AiCall call(SplittableRandom random, Instant occurredAt) {
		String[] model = MODELS[random.nextInt(MODELS.length)];
		boolean embedding = model[1].startsWith("text-embedding");
		boolean error = random.nextInt(20) == 0;
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("id", UUID.randomUUID().toString());
		data.put("occurredAt", occurredAt.toString());
		data.put("functionName", FUNCTIONS[random.nextInt(FUNCTIONS.length)]);
		data.put("operation", embedding ? "embeddings" : "chat");
		data.put("provider", model[0]);
		data.put("requestModel", model[1]);
		data.put("responseModel", error ? null : model[2]);
		data.put("inputHash", hex(random, 32));
		data.put("outputPreview", (error || embedding) ? null : preview(random));
		data.put("durationMs", Math.round(random.nextDouble(120, 9000) * 10) / 10.0);
		data.put("timeToFirstTokenMs", embedding ? null : Math.round(random.nextDouble(80, 900) * 10) / 10.0);
		int input = random.nextInt(50, 6000);
		data.put("inputTokens", input);
		data.put("outputTokens", (error || embedding) ? null : random.nextInt(10, 1200));
		data.put("cacheReadInputTokens", (random.nextInt(4) == 0) ? random.nextInt(input) : null);
		data.put("status", error ? "error" : "success");
		data.put("errorType", error ? ERRORS[random.nextInt(ERRORS.length)] : null);
		data.put("finishReasons", (error || embedding) ? null : List.of(random.nextInt(10) == 0 ? "length" : "stop"));
		data.put("userId", "user-" + random.nextInt(5000));
		data.put("sessionId", "session-" + random.nextInt(50_000));
		data.put("conversationId", (random.nextInt(3) == 0) ? null : "conv-" + random.nextInt(20_000));
		data.put("traceId", hex(random, 16));
		data.put("spanId", hex(random, 8));
		data.put("attributes", Map.of("region", (random.nextInt(3) == 0) ? "us-east-1" : "eu-central-1", "deployment",
				"prod", "app.version", "2.4." + random.nextInt(12)));
		return new AiCall(UUID.fromString((String) data.get("id")), occurredAt, (String) data.get("functionName"), data,
				JSON.writeValueAsBytes(data));
	}

	private static String preview(SplittableRandom random) {
		StringBuilder text = new StringBuilder();
		if (random.nextInt(5) == 0) {
			text.append((random.nextBoolean()) ? "{\"patientName\": \"" + NAMES[random.nextInt(NAMES.length)] + "\"} "
					: "dob=19" + (50 + random.nextInt(50)) + "-0" + (1 + random.nextInt(9)) + "-1" + random.nextInt(10)
							+ " ");
		}
		int length = random.nextInt(80, 480);
		while (text.length() < length) {
			text.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
		}
		return text.substring(0, length);
	}

	private static String hex(SplittableRandom random, int bytes) {
		byte[] value = new byte[bytes];
		for (int i = 0; i < bytes; i++) {
			value[i] = (byte) random.nextInt(256);
		}
		return HexFormat.of().formatHex(value);
	}

	/** One call: its fields for COPY and its JSON for Kafka and REST. */
	record AiCall(UUID id, Instant occurredAt, String functionName, Map<String, Object> fields, byte[] json) {

	}

}
