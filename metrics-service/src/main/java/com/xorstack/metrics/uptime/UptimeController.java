package com.xorstack.metrics.uptime;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.xorstack.platform.web.InvalidParameterException;

/**
 * The uptime report ({@code GET /api/admin/uptime}: every check's status and figures, and
 * overall) and the incidents
 * ({@code GET /api/admin/uptime/incidents?checkId=&open=&cursor=&limit=}, newest first,
 * {@code {items, nextCursor}}).
 */
@RestController
@RequestMapping("/api/admin/uptime")
class UptimeController {

	private final UptimeReport report;

	private final IncidentRepository incidents;

	private final Clock clock;

	UptimeController(UptimeReport report, IncidentRepository incidents, Clock clock) {
		this.report = report;
		this.incidents = incidents;
		this.clock = clock;
	}

	@GetMapping
	Mono<UptimeReport.Report> report() {
		return this.report.of(this.clock.instant());
	}

	@GetMapping("/incidents")
	Mono<Map<String, Object>> incidents(@RequestParam(required = false) @Nullable UUID checkId,
			@RequestParam(defaultValue = "false") boolean open, @RequestParam(required = false) @Nullable String cursor,
			@RequestParam(defaultValue = "50") int limit) {
		if (limit < 1 || limit > 200) {
			throw new InvalidParameterException("limit", "must be between 1 and 200");
		}
		long before = (cursor != null) ? before(cursor) : Long.MAX_VALUE;
		Instant now = this.clock.instant();
		return this.incidents.page(checkId, open, before, limit + 1, now)
			.collectList()
			.map((rows) -> page(rows, limit));
	}

	private static Map<String, Object> page(List<Incident> rows, int limit) {
		if (rows.size() <= limit) {
			return Map.of("items", rows);
		}
		List<Incident> items = rows.subList(0, limit);
		String last = Long.toString(items.get(limit - 1).id());
		return Map.of("items", List.copyOf(items), "nextCursor",
				Base64.getUrlEncoder().withoutPadding().encodeToString(last.getBytes(StandardCharsets.UTF_8)));
	}

	private static long before(String cursor) {
		try {
			return Long.parseLong(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidParameterException("cursor", "is not a cursor this list gave out");
		}
	}

}
