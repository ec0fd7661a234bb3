package com.xorstack.metrics.uptime;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Runs the due checks every {@code tick}: claims them
 * ({@link UptimeCheckRepository#claimDue}, so of several replicas each check runs on
 * one), runs up to {@code concurrency} at once, and stores each result at the tick's
 * instant. Counts runs in {@code xorstack.uptime.runs{result}}.
 */
@Component
public class UptimeRunner {

	private static final Logger log = LoggerFactory.getLogger(UptimeRunner.class);

	private static final Duration BUILTIN_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration BUILTIN_INTERVAL = Duration.ofSeconds(30);

	private final UptimeCheckRepository checks;

	private final CheckProbe probe;

	private final UptimeResults results;

	private final UptimeProperties properties;

	private final MeterRegistry meters;

	private final Clock clock;

	UptimeRunner(UptimeCheckRepository checks, CheckProbe probe, UptimeResults results, UptimeProperties properties,
			MeterRegistry meters, Clock clock) {
		this.checks = checks;
		this.probe = probe;
		this.results = results;
		this.properties = properties;
		this.meters = meters;
		this.clock = clock;
	}

	@EventListener(ApplicationReadyEvent.class)
	void syncBuiltins() {
		List<CheckSpec> builtins = this.properties.builtin()
			.entrySet()
			.stream()
			.filter((entry) -> entry.getValue().configured())
			.map((entry) -> new CheckSpec(entry.getKey(), UptimeCheckRepository.BUILTIN,
					new CheckSpec.Target(null, null, null, null, null, null, entry.getKey()), BUILTIN_TIMEOUT,
					BUILTIN_INTERVAL, this.properties.failuresBeforeDown()))
			.toList();
		this.checks.syncBuiltins(builtins, this.clock.instant())
			.doOnError((ex) -> log.warn("The built-in uptime checks were not stored", ex))
			.onErrorComplete()
			.subscribe();
	}

	@Scheduled(initialDelayString = "${xorstack.uptime.tick:PT5S}", fixedDelayString = "${xorstack.uptime.tick:PT5S}")
	Mono<Void> scheduledRun() {
		// subscribed to at every run: each run takes its own instant
		return Mono.defer(() -> runDue(this.clock.instant())).timeout(this.properties.lease()).onErrorResume((ex) -> {
			log.warn("Uptime checks failed to run; the next tick tries again", ex);
			return Mono.empty();
		}).then();
	}

	/** Runs every check due at {@code now}; answers how many ran. */
	public Mono<Long> runDue(Instant now) {
		return this.checks.claimDue(now, this.properties.batch())
			.flatMap((check) -> runOne(check, now).thenReturn(check), this.properties.concurrency())
			.count();
	}

	private Mono<Void> runOne(UptimeCheck check, Instant now) {
		return this.probe.run(check, this.checks.target(check))
			.doOnNext((outcome) -> this.meters.counter("xorstack.uptime.runs", "result", outcome.isUp() ? "up" : "down")
				.increment())
			.flatMap((outcome) -> this.results.record(check.id(), now, outcome));
	}

}
