package com.xorstack.metrics.traffic;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.xorstack.metrics.dashboard.DashboardWindow;
import com.xorstack.platform.web.InvalidParameterException;

/**
 * The slowest gateway requests of a window (at most the day they are kept), slowest
 * first, each with its trace id: {@code window} (default 1h), {@code limit} (1 to 50,
 * default 10).
 */
@RestController
class SlowRequestsController {

	private final SlowRequests requests;

	private final Clock clock;

	SlowRequestsController(SlowRequests requests, Clock clock) {
		this.requests = requests;
		this.clock = clock;
	}

	@GetMapping("/api/admin/metrics/slowest-requests")
	Mono<Map<String, List<SlowRequest>>> slowest(@RequestParam(defaultValue = "1h") String window,
			@RequestParam(defaultValue = "10") int limit) {
		DashboardWindow parsed = DashboardWindow.parse(window);
		if (parsed.duration().compareTo(SlowRequests.KEPT) > 0) {
			throw new InvalidParameterException("window", "must be at most 1d: slow requests are kept a day");
		}
		if (limit < 1 || limit > 50) {
			throw new InvalidParameterException("limit", "must be between 1 and 50");
		}
		return this.requests.slowestSince(this.clock.instant().minus(parsed.duration()), limit)
			.collectList()
			.map((items) -> Map.of("items", items));
	}

}
