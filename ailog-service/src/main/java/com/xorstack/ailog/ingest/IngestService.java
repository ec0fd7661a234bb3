package com.xorstack.ailog.ingest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;

import com.xorstack.ailog.retention.Partitions;

/**
 * Stores validated calls exactly once, whichever path they came by.
 */
@Service
public class IngestService {

	private final AiLogWriter writer;

	private final Partitions partitions;

	IngestService(AiLogWriter writer, Partitions partitions) {
		this.writer = writer;
		this.partitions = partitions;
	}

	public Mono<IngestOutcome> store(List<AiLogCall> calls) {
		Map<UUID, AiLogCall> distinct = new LinkedHashMap<>();
		calls.forEach((call) -> distinct.putIfAbsent(call.id(), call));
		List<AiLogCall> unique = new ArrayList<>(distinct.values());
		if (unique.isEmpty()) {
			return Mono.just(new IngestOutcome(Set.of(), 0));
		}
		return this.partitions.ensureFor(unique.stream().map(AiLogCall::occurredAt).toList())
			.then(this.writer.insertNew(unique).collect(HashSet<UUID>::new, Set::add))
			.map((stored) -> new IngestOutcome(Set.copyOf(stored), calls.size() - stored.size()));
	}

}
