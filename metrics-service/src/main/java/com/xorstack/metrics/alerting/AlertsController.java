package com.xorstack.metrics.alerting;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import com.xorstack.platform.web.InvalidParameterException;

/**
 * The alert history under {@code /api/admin/alerts}, newest first
 * ({@code ?state=pending|firing|resolved|inactive&ruleId=&cursor=&limit=}), and
 * {@code POST /api/admin/alerts/{id}/ack}: the first admin to acknowledge is recorded, a
 * repeated acknowledgement answers the alert as it is.
 */
@RestController
@RequestMapping("/api/admin/alerts")
class AlertsController {

	private static final Set<String> STATES = Set.of(AlertStates.PENDING, AlertStates.FIRING, AlertStates.RESOLVED,
			AlertStates.INACTIVE);

	private final AlertHistory history;

	private final Clock clock;

	AlertsController(AlertHistory history, Clock clock) {
		this.history = history;
		this.clock = clock;
	}

	@GetMapping
	Mono<Map<String, Object>> list(@RequestParam(required = false) @Nullable String state,
			@RequestParam(required = false) @Nullable UUID ruleId,
			@RequestParam(required = false) @Nullable String cursor, @RequestParam(defaultValue = "50") int limit) {
		long before = (cursor != null) ? before(cursor) : Long.MAX_VALUE;
		if (state != null && !STATES.contains(state)) {
			throw new InvalidParameterException("state", "must be one of [firing, inactive, pending, resolved]");
		}
		if (limit < 1 || limit > 200) {
			throw new InvalidParameterException("limit", "must be between 1 and 200");
		}
		return this.history.list(state, ruleId, before, limit).collectList().map((items) -> page(items, limit));
	}

	@GetMapping("/{id}")
	Mono<Alert> get(@PathVariable long id) {
		return found(id);
	}

	@PostMapping("/{id}/ack")
	Mono<Alert> acknowledge(@PathVariable long id, @AuthenticationPrincipal Jwt admin) {
		return found(id).then(this.history.acknowledge(id, Admins.name(admin), this.clock.instant())).then(found(id));
	}

	private Mono<Alert> found(long id) {
		return this.history.find(id)
			.switchIfEmpty(Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "no alert " + id)));
	}

	/**
	 * Like every list of the API: {@code {items, nextCursor}}, the cursor opaque (the
	 * last alert's id, encoded).
	 */
	private static Map<String, Object> page(List<Alert> items, int limit) {
		if (items.size() < limit) {
			return Map.of("items", items);
		}
		String last = Long.toString(items.get(items.size() - 1).id());
		return Map.of("items", items, "nextCursor",
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
