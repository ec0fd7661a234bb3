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
	void weekWindowReadsWholeDaysTheHoursAroundThemAndMinuteEdges() {
		ReadPlan plan = ReadPlan.of(Instant.parse("2026-11-18T10:37:30Z"), NOW, Instant.parse("2026-11-18T00:00:00Z"));
		assertThat(plan.segments()).containsExactly(
				new Segment(Granularity.MINUTE, Instant.parse("2026-11-18T10:37:00Z"),
						Instant.parse("2026-11-18T11:00:00Z")),
				new Segment(Granularity.HOUR, Instant.parse("2026-11-18T11:00:00Z"),
						Instant.parse("2026-11-19T00:00:00Z")),
				new Segment(Granularity.DAY, Instant.parse("2026-11-19T00:00:00Z"),
						Instant.parse("2026-11-25T00:00:00Z")),
				new Segment(Granularity.HOUR, Instant.parse("2026-11-25T00:00:00Z"),
						Instant.parse("2026-11-25T10:00:00Z")),
				new Segment(Granularity.MINUTE, Instant.parse("2026-11-25T10:00:00Z"), NOW));
	}

	@Test
	void leadingEdgePastTheMinuteRetentionIsReadFromItsHour() {
		ReadPlan plan = ReadPlan.of(Instant.parse("2026-10-26T10:37:30Z"), NOW, HORIZON);
		assertThat(plan.segments()).containsExactly(
				new Segment(Granularity.HOUR, Instant.parse("2026-10-26T10:00:00Z"),
						Instant.parse("2026-10-27T00:00:00Z")),
				new Segment(Granularity.DAY, Instant.parse("2026-10-27T00:00:00Z"),
						Instant.parse("2026-11-25T00:00:00Z")),
				new Segment(Granularity.HOUR, Instant.parse("2026-11-25T00:00:00Z"),
						Instant.parse("2026-11-25T10:00:00Z")),
				new Segment(Granularity.MINUTE, Instant.parse("2026-11-25T10:00:00Z"), NOW));
	}

	@Test
	void segmentsCoverTheWindowWithoutGapOrOverlap() {
		Instant to = Instant.parse("2026-11-25T10:37:30Z");
		for (long minutes = 1; minutes <= 30 * 24 * 60; minutes += 97) {
			ReadPlan plan = ReadPlan.of(to.minusSeconds(minutes * 60), to, HORIZON);
			for (int i = 1; i < plan.segments().size(); i++) {
				assertThat(plan.segments().get(i).from()).isEqualTo(plan.segments().get(i - 1).to());
			}
			assertThat(plan.segments().get(plan.segments().size() - 1).to()).isEqualTo(to);
			assertThat(plan.segments().size()).isLessThanOrEqualTo(5);
		}
	}

	@Test
	void emptyWindowReadsNothing() {
		assertThat(ReadPlan.of(NOW, NOW.minusSeconds(60), HORIZON).segments()).isEmpty();
	}

}
