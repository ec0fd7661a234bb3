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
 * Stores validated calls exactly once, whichever path they came by, priced from the price
 * table, and announces every one of them (fresh or duplicate) on
 * {@code ailog.recorded.v1} before it answers: what it answers may be acknowledged.
 */
@Service
public class IngestService {

	private final AiLogWriter writer;

	private final Partitions partitions;

	private final PriceTable prices;

	private final RecordedEvents recorded;

	IngestService(AiLogWriter writer, Partitions partitions, PriceTable prices, RecordedEvents recorded) {
		this.writer = writer;
		this.partitions = partitions;
		this.prices = prices;
		this.recorded = recorded;
	}

	public Mono<IngestOutcome> store(List<AiLogCall> calls) {
		Map<UUID, AiLogCall> distinct = new LinkedHashMap<>();
		calls.forEach((call) -> distinct.putIfAbsent(call.id(), call));
		if (distinct.isEmpty()) {
			return Mono.just(new IngestOutcome(Set.of(), 0));
		}
		return this.prices.current()
			.map((prices) -> priced(distinct.values(), prices))
			.flatMap((priced) -> insert(priced).flatMap((stored) -> this.recorded.publish(priced)
				.thenReturn(new IngestOutcome(stored, calls.size() - stored.size()))));
	}

	private Mono<Set<UUID>> insert(List<PricedCall> calls) {
		return this.partitions.ensureFor(calls.stream().map(PricedCall::occurredAt).toList())
			.then(this.writer.insertNew(calls).collect(HashSet<UUID>::new, Set::add))
			.map(Set::copyOf);
	}

	private static List<PricedCall> priced(Iterable<AiLogCall> calls, ModelPrices prices) {
		List<PricedCall> priced = new ArrayList<>();
		for (AiLogCall call : calls) {
			priced.add(new PricedCall(call, prices.costOf(call)));
		}
		return priced;
	}

}
