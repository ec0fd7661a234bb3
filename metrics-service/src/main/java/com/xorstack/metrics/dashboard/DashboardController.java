package com.xorstack.metrics.dashboard;

import java.time.Duration;
import java.time.Instant;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.xorstack.metrics.feedback.FeedbackStateRepository;

@RestController
@RequestMapping("/api/admin/dashboard")
class DashboardController {

	private static final Duration PUSH_INTERVAL = Duration.ofSeconds(5);

	private final FeedbackStateRepository feedback;

	DashboardController(FeedbackStateRepository feedback) {
		this.feedback = feedback;
	}

	@GetMapping("/summary")
	Mono<DashboardSummary> summary(@RequestParam(defaultValue = "1h") String window) {
		return summarize(DashboardWindow.parse(window));
	}

	@GetMapping("/stream")
	Flux<ServerSentEvent<DashboardSummary>> stream(@RequestParam(defaultValue = "1h") String window) {
		DashboardWindow parsed = DashboardWindow.parse(window);
		return Flux.interval(Duration.ZERO, PUSH_INTERVAL)
			.concatMap((tick) -> summarize(parsed))
			.map((summary) -> ServerSentEvent.builder(summary).event("summary").build());
	}

	private Mono<DashboardSummary> summarize(DashboardWindow window) {
		return this.feedback.countByStatus("pending")
			.map((pending) -> new DashboardSummary(window.text(), pending, Instant.now()));
	}

}
