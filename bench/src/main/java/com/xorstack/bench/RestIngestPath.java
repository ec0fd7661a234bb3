package com.xorstack.bench;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import com.xorstack.bench.AiCallEvents.AiCall;

/**
 * {@code POST /api/ai-logs} through the gateway in batches ({@code {"events":[...]}}),
 * with {@code senders} connections each sending its next batch as soon as the last was
 * answered. A batch not answered 202 is sent again (the ids make that safe) up to three
 * times; every answer's status is counted, and the {@code accepted} counts are summed.
 */
final class RestIngestPath {

	private static final int ATTEMPTS = 4;

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final URI uri;

	private final int senders;

	private final HttpClient client;

	RestIngestPath(String gatewayUrl, int senders) {
		this.uri = URI.create(gatewayUrl + "/api/ai-logs");
		this.senders = senders;
		this.client = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
	}

	/** The request bodies, built before the clock starts. */
	static List<byte[]> bodies(List<AiCall> calls, int batchSize) {
		List<byte[]> bodies = new ArrayList<>();
		for (int from = 0; from < calls.size(); from += batchSize) {
			ByteArrayOutputStream body = new ByteArrayOutputStream();
			body.writeBytes("{\"events\":[".getBytes());
			for (int i = from; i < Math.min(from + batchSize, calls.size()); i++) {
				if (i > from) {
					body.write(',');
				}
				body.writeBytes(calls.get(i).json());
			}
			body.writeBytes("]}".getBytes());
			bodies.add(body.toByteArray());
		}
		return bodies;
	}

	/** Sends every body; answers the statuses seen and the events accepted. */
	Sent send(List<byte[]> bodies, String token) {
		AtomicInteger next = new AtomicInteger();
		LongAdder accepted = new LongAdder();
		Map<Integer, LongAdder> statuses = new ConcurrentHashMap<>();
		try (var threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int t = 0; t < this.senders; t++) {
				threads.submit(() -> {
					for (int b = next.getAndIncrement(); b < bodies.size(); b = next.getAndIncrement()) {
						accepted.add(sendOne(bodies.get(b), token, statuses));
					}
				});
			}
		}
		Map<Integer, Long> counted = new TreeMap<>();
		statuses.forEach((status, count) -> counted.put(status, count.sum()));
		return new Sent(accepted.sum(), counted);
	}

	private long sendOne(byte[] body, String token, Map<Integer, LongAdder> statuses) {
		HttpRequest request = HttpRequest.newBuilder(this.uri)
			.header("Authorization", "Bearer " + token)
			.header("Content-Type", "application/json")
			.timeout(Duration.ofSeconds(60))
			.POST(HttpRequest.BodyPublishers.ofByteArray(body))
			.build();
		for (int attempt = 1;; attempt++) {
			int status;
			String answer = "";
			try {
				HttpResponse<String> response = this.client.send(request, HttpResponse.BodyHandlers.ofString());
				status = response.statusCode();
				answer = response.body();
			}
			catch (Exception ex) {
				status = -1;
			}
			statuses.computeIfAbsent(status, (s) -> new LongAdder()).increment();
			if (status == 202) {
				JsonNode response = JSON.readTree(answer);
				if (!response.path("rejected").isEmpty()) {
					System.out.println("  rejected: " + response.path("rejected").get(0));
				}
				return response.path("accepted").asLong();
			}
			if (attempt == ATTEMPTS) {
				System.out.println("  gave a batch up after " + status + ": " + answer);
				return 0;
			}
		}
	}

	/** What one run was answered. */
	record Sent(long accepted, Map<Integer, Long> statuses) {

	}

}
