package com.xorstack.metrics.dashboard;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.xorstack.metrics.system.MetricsChanges;

@RestController
@RequestMapping("/api/admin/dashboard")
class DashboardController {

	private final DashboardService dashboard;

	private final MetricsChanges changes;

	private final DashboardProperties properties;

	DashboardController(DashboardService dashboard, MetricsChanges changes, DashboardProperties properties) {
		this.dashboard = dashboard;
		this.changes = changes;
		this.properties = properties;
	}

	@GetMapping("/summary")
	Mono<DashboardSummary> summary(@RequestParam(defaultValue = "1h") String window) {
		return this.dashboard.summarize(DashboardWindow.parse(window));
	}

	/**
	 * The summary at once, then every push interval, and soon after new data arrives when
	 * its figures changed; comment heartbeats in between.
	 */
	@GetMapping(path = "/stream", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<DashboardSummary>> stream(@RequestParam(defaultValue = "1h") String window) {
		DashboardWindow parsed = DashboardWindow.parse(window);
		AtomicReference<DashboardSummary> last = new AtomicReference<>();
		Flux<Boolean> ticks = Flux.interval(Duration.ZERO, this.properties.pushInterval()).map((tick) -> true);
		Flux<Boolean> changed = this.changes.changes()
			.sample(this.properties.changeDelay())
			.map((change) -> false)
			.onBackpressureDrop();
		Flux<ServerSentEvent<DashboardSummary>> summaries = Flux.merge(ticks, changed)
			.onBackpressureDrop()
			.concatMap((always) -> this.dashboard.summarize(parsed)
				.filter((summary) -> always || !summary.sameFiguresAs(last.get())), 1)
			.doOnNext(last::set)
			.map((summary) -> ServerSentEvent.builder(summary).event("summary").build());
		Flux<ServerSentEvent<DashboardSummary>> heartbeats = Flux
			.interval(this.properties.heartbeat(), this.properties.heartbeat())
			.map((beat) -> ServerSentEvent.<DashboardSummary>builder().comment("heartbeat").build());
		return Flux.merge(summaries, heartbeats);
	}

}
