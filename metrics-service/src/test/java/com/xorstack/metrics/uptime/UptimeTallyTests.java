package com.xorstack.metrics.uptime;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The figures of docs/UPTIME.md at the edges of the 90-day window. */
class UptimeTallyTests {

	private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

	private static final Instant FROM = NOW.minusSeconds(90L * 86400);

	private static final UUID CHECK = UUID.randomUUID();

	@Test
	void anIncidentFromBeforeTheWindowCountsItsTimeDownInsideOnly() {
		Incident older = incident(FROM.minusSeconds(600), FROM.plusSeconds(600));
		Incident inside = incident(NOW.minusSeconds(3600), NOW.minusSeconds(3300));
		UptimeTally tally = new UptimeTally();
		tally.add(UptimeReport.Recent.NONE, Map.of(), LocalDate.of(2026, 12, 7), List.of(older, inside), FROM, NOW);
		UptimeReport.Figures figures = tally.figures();
		assertThat(figures.incidents()).isEqualTo(1);
		assertThat(figures.mttrSeconds()).isEqualTo(300);
		// 90 days observed, 600 s + 300 s of them down, one incident started inside
		assertThat(figures.mtbfSeconds()).isEqualTo(90L * 86400 - 900);
	}

	@Test
	void anOpenIncidentIsDownUntilNowAndHasNoTimeToRepairYet() {
		Incident open = incident(NOW.minusSeconds(120), null);
		UptimeTally tally = new UptimeTally();
		tally.add(new UptimeReport.Recent(4, 3, 10.0, 20.0), Map.of(LocalDate.of(2026, 12, 7), new int[] { 4, 3 }),
				LocalDate.of(2026, 12, 7), List.of(open), FROM, NOW);
		UptimeReport.Figures figures = tally.figures();
		assertThat(figures.openIncidents()).isEqualTo(1);
		assertThat(figures.mttrSeconds()).isNull();
		assertThat(figures.mtbfSeconds()).isEqualTo(90L * 86400 - 120);
		assertThat(figures.uptimePercent()).containsEntry("24h", 75.0).containsEntry("90d", 75.0);
	}

	@Test
	void withoutRunsThereIsNoUptimeAndWithoutIncidentsNoMtbf() {
		UptimeTally tally = new UptimeTally();
		tally.add(UptimeReport.Recent.NONE, Map.of(), LocalDate.of(2026, 12, 7), List.of(), FROM, NOW);
		assertThat(tally.figures().uptimePercent().get("24h")).isNull();
		assertThat(tally.figures().mtbfSeconds()).isNull();
	}

	private static Incident incident(Instant started, Instant ended) {
		return Incident.of(1, CHECK, "c", started, ended, 3, "status 503, expected 2xx", NOW);
	}

}
