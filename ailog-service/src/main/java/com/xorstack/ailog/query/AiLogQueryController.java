package com.xorstack.ailog.query;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.xorstack.platform.web.Cursors;
import com.xorstack.platform.web.Page;

@RestController
@RequestMapping("/api/admin/ai-logs")
class AiLogQueryController {

	private final AiLogQueryRepository logs;

	AiLogQueryController(AiLogQueryRepository logs) {
		this.logs = logs;
	}

	@GetMapping
	Mono<Page<AiLogView>> list(@RequestParam(required = false) @Nullable String functionName,
			@RequestParam(required = false) @Nullable String model,
			@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String userId,
			@RequestParam(required = false) @Nullable Instant from,
			@RequestParam(required = false) @Nullable Instant to,
			@RequestParam(required = false) @Nullable String cursor, @RequestParam(defaultValue = "50") int limit) {
		AiLogFilter filter = new AiLogFilter(functionName, model, status, userId, from, to);
		Cursors.Position after = (cursor != null) ? Cursors.decode(cursor) : null;
		int pageSize = Cursors.limit(limit);
		return this.logs.find(filter, after, pageSize + 1)
			.collectList()
			.map((rows) -> Page.of(rows, pageSize, (last) -> Cursors.encode(last.occurredAt(), last.id())));
	}

	@GetMapping("/{id}")
	Mono<AiLogView> one(@PathVariable UUID id) {
		return this.logs.findById(id)
			.switchIfEmpty(Mono.error(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No such AI log")));
	}

	@GetMapping("/stats")
	Mono<Map<String, List<Map<String, Object>>>> stats(@RequestParam(defaultValue = "function") String by,
			@RequestParam(required = false) @Nullable Instant from,
			@RequestParam(required = false) @Nullable Instant to) {
		return this.logs.stats(StatsGroup.of(by), AiLogFilter.between(from, to))
			.collectList()
			.map((items) -> Map.of("items", items));
	}

	@GetMapping("/duplicates")
	Mono<Map<String, List<Map<String, Object>>>> duplicates(@RequestParam(required = false) @Nullable Instant from,
			@RequestParam(required = false) @Nullable Instant to, @RequestParam(defaultValue = "20") int limit) {
		return this.logs.duplicates(AiLogFilter.between(from, to), Cursors.limit(limit))
			.collectList()
			.map((items) -> Map.of("items", items));
	}

}
