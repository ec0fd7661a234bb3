package com.xorstack.metrics.rollup;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.xorstack.metrics.rollup.ReadPlan.Segment;

import static org.assertj.core.api.Assertions.assertThat;

class ReadPlanTests {

	private static final Instant NOW = Instant.parse("2026-11-25T10:37:30Z");

	private static final Instant HORIZON = Instant.parse("2026-11-18T10:37:30Z");

	@Test
	void shortWindowReadsMinutesOnly() {
		ReadPlan plan = ReadPlan.of(Instant.parse("2026-11-25T10:22:30Z"), NOW, HORIZON);
		assertThat(plan.segments())
			.containsExactly(new Segment(Granularity.MINUTE, Instant.parse("2026-11-25T10:22:00Z"), NOW));
	}

	@Test
	void dayWindowReadsWholeHoursAndMinuteEdges() {
		ReadPlan plan = ReadPlan.of(Instant.parse("2026-11-24T10:37:30Z"), NOW, HORIZON);
		assertThat(plan.segments()).containsExactly(
				new Segment(Granularity.MINUTE, Instant.parse("2026-11-24T10:37:00Z"),
						Instant.parse("2026-11-24T11:00:00Z")),
				new Segment(Granularity.HOUR, Instant.parse("2026-11-24T11:00:00Z"),
						Instant.parse("2026-11-25T10:00:00Z")),
				new Segment(Granularity.MINUTE, Instant.parse("2026-11-25T10:00:00Z"), NOW));
	}

	@Test
	void windowOnHourBoundariesReadsHoursOnly() {
		ReadPlan plan = ReadPlan.of(Instant.parse("2026-11-25T07:00:00Z"), Instant.parse("2026-11-25T10:00:00Z"),
				HORIZON);
		assertThat(plan.segments()).containsExactly(new Segment(Granularity.HOUR, Instant.parse("2026-11-25T07:00:00Z"),
				Instant.parse("2026-11-25T10:00:00Z")));
	}

	@Test
	void leadingEdgePastTheMinuteRetentionIsReadFromItsHour() {
		ReadPlan plan = ReadPlan.of(Instant.parse("2026-10-26T10:37:30Z"), NOW, HORIZON);
		assertThat(plan.segments()).containsExactly(
				new Segment(Granularity.HOUR, Instant.parse("2026-10-26T10:00:00Z"),
						Instant.parse("2026-11-25T10:00:00Z")),
				new Segment(Granularity.MINUTE, Instant.parse("2026-11-25T10:00:00Z"), NOW));
	}

	@Test
	void emptyWindowReadsNothing() {
		assertThat(ReadPlan.of(NOW, NOW.minusSeconds(60), HORIZON).segments()).isEmpty();
	}

}
