package com.xorstack.platform.gauges;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.test.scheduler.VirtualTimeScheduler;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/** The schedule of the storage gauges, on virtual time. */
@ExtendWith(OutputCaptureExtension.class)
class StorageGaugesTests {

	private static final Duration FIRST = Duration.ofSeconds(10);

	private static final Duration INTERVAL = Duration.ofMinutes(5);

	private static final String WARNING = "Storage gauges not published";

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final AtomicInteger runs = new AtomicInteger();

	private final List<Integer> published = new CopyOnWriteArrayList<>();

	@Test
	void aFailedRunIsLoggedOnceAndTheNextRunsStill(CapturedOutput output) {
		Disposable schedule = schedule(() -> (this.runs.incrementAndGet() == 1)
				? Mono.error(new IllegalStateException("database down")) : Mono.just(this.runs.get()));
		this.time.advanceTimeBy(FIRST);
		assertThat(this.runs).hasValue(1);
		assertThat(this.published).isEmpty();
		assertThat(warnings(output)).isEqualTo(1);
		assertThat(output).contains("database down");
		this.time.advanceTimeBy(INTERVAL);
		assertThat(this.published).containsExactly(2);
		this.time.advanceTimeBy(INTERVAL);
		assertThat(this.published).containsExactly(2, 3);
		assertThat(warnings(output)).isEqualTo(1);
		schedule.dispose();
	}

	@Test
	void aRunThatHangsIsCutAndTheScheduleGoesOn(CapturedOutput output) {
		Disposable schedule = schedule(
				() -> (this.runs.incrementAndGet() == 1) ? Mono.never() : Mono.just(this.runs.get()));
		this.time.advanceTimeBy(FIRST);
		assertThat(this.runs).hasValue(1);
		// the hung run is cut at the next tick; that tick or the one after runs again
		this.time.advanceTimeBy(INTERVAL.multipliedBy(2));
		assertThat(warnings(output)).isEqualTo(1);
		assertThat(output).contains("TimeoutException");
		assertThat(this.published).isNotEmpty();
		int before = this.published.size();
		this.time.advanceTimeBy(INTERVAL);
		assertThat(this.published).hasSize(before + 1);
		schedule.dispose();
	}

	@Test
	void disposingStopsTheRuns() {
		Disposable schedule = schedule(() -> Mono.just(this.runs.incrementAndGet()));
		this.time.advanceTimeBy(FIRST);
		schedule.dispose();
		this.time.advanceTimeBy(INTERVAL.multipliedBy(3));
		assertThat(this.runs).hasValue(1);
	}

	private Disposable schedule(Supplier<Mono<Integer>> run) {
		return StorageGauges.every(run, FIRST, INTERVAL, this.time).subscribe(this.published::add);
	}

	private static long warnings(CapturedOutput output) {
		return output.getAll().lines().filter((line) -> line.contains(WARNING)).count();
	}

}
