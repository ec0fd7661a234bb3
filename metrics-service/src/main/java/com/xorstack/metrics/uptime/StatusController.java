package com.xorstack.metrics.uptime;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import java.time.Clock;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The public status page's data, {@code GET /api/status}, without a token: only when
 * {@code xorstack.uptime.public-status} is on (404 otherwise). It names checks by their
 * names and nothing else: no ids, targets, errors, incident causes or people, so a page
 * anyone may read tells them what is up, not where or why.
 */
@RestController
class StatusController {

	private final UptimeReport report;

	private final UptimeProperties properties;

	private final Clock clock;

	StatusController(UptimeReport report, UptimeProperties properties, Clock clock) {
		this.report = report;
		this.properties = properties;
		this.clock = clock;
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record PublicStatus(Instant at, String state, Map<String, @Nullable Double> uptimePercent, int openIncidents,
			List<PublicCheck> checks) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record PublicCheck(String name, String state, Map<String, @Nullable Double> uptimePercent, List<PublicDay> days) {
	}

	@JsonInclude(JsonInclude.Include.NON_NULL)
	record PublicDay(LocalDate day, @Nullable Double uptimePercent) {
	}

	@GetMapping("/api/status")
	Mono<PublicStatus> status() {
		if (!this.properties.publicStatus()) {
			return Mono.error(new ResponseStatusException(HttpStatus.NOT_FOUND, "no public status page here"));
		}
		return this.report.of(this.clock.instant()).map(StatusController::published);
	}

	static PublicStatus published(UptimeReport.Report report) {
		List<PublicCheck> checks = report.items()
			.stream()
			.map((item) -> new PublicCheck(item.name(), item.status().state(), item.figures().uptimePercent(),
					item.days().stream().map((day) -> new PublicDay(day.day(), day.uptimePercent())).toList()))
			.toList();
		long failing = checks.stream().filter((check) -> UptimeCheck.FAILING.equals(check.state())).count();
		String state = (report.down() > 0) ? "outage" : (failing > 0) ? "degraded" : "operational";
		return new PublicStatus(report.at(), state, report.overall().uptimePercent(), report.overall().openIncidents(),
				checks);
	}

}
