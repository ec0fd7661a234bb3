package com.xorstack.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;

import com.xorstack.ailog.privacy.Redactor;
import com.xorstack.bench.AiCallEvents.AiCall;

/**
 * What redaction costs per text on one core, in process, without a suite: the previews of
 * the AI-log benchmark's events, those events' every redacted field, texts like the
 * privacy corpus, and 8 KB texts made to be expensive. All sets are warmed up together,
 * then each is timed in rounds of at least a second of this thread's CPU time; the median
 * round is reported, in CPU and in wall time per text. Options: {@code --events} (20
 * 000), {@code --warm-up} CPU seconds (5), {@code --rounds} (5).
 */
final class RedactionBench {

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	private final Redactor redactor = Redactor.withDefaults();

	private final int events;

	private final int warmUpSeconds;

	private final int rounds;

	/** Keeps the JIT from dropping the work: every result's length is added here. */
	private long sink;

	RedactionBench(Map<String, String> options) {
		this.events = Bench.intOption(options, "events", 20_000);
		this.warmUpSeconds = Bench.intOption(options, "warm-up", 5);
		this.rounds = Bench.intOption(options, "rounds", 5);
	}

	int run() throws Exception {
		List<AiCall> calls = AiCallEvents.generate(this.events, 42);
		List<String> previews = calls.stream()
			.map((call) -> (String) call.fields().get("outputPreview"))
			.filter((preview) -> preview != null)
			.toList();
		List<String> corpus = RedactionSamples.corpusLike();
		List<String> adversarial = RedactionSamples.adversarial();
		System.out.printf(Locale.ROOT, "JDK %s, %d processors, load average %s%n", Runtime.version(),
				Runtime.getRuntime().availableProcessors(), loadAverage());
		System.out.printf(Locale.ROOT,
				"%d events: %d previews (%.0f chars on average), %d corpus-like texts,"
						+ " %d adversarial texts of %d chars%n",
				calls.size(), previews.size(), meanLength(previews), corpus.size(), adversarial.size(),
				adversarial.get(0).length());
		ToIntFunction<String> preview = (text) -> this.redactor.preview(text).length();
		ToIntFunction<AiCall> event = this::redactEvent;
		long warmUpEnd = cpu() + this.warmUpSeconds * 1_000_000_000L;
		while (cpu() < warmUpEnd) {
			pass(previews, preview);
			pass(corpus, preview);
			pass(adversarial, preview);
			pass(calls, event);
		}
		System.out.printf(Locale.ROOT, "%nMedians of %d rounds of at least 1 s of CPU each, one thread:%n",
				this.rounds);
		System.out.printf(Locale.ROOT, "%-58s %6s %10s %10s %10s%n", "set", "texts", "CPU µs", "wall µs", "per s/core");
		report("AI-log benchmark previews (Redactor.preview)", previews, preview);
		report("AI-log benchmark events (all fields CallValidator redacts)", calls, event);
		report("corpus-like texts (Redactor.preview)", corpus, preview);
		report("8 KB adversarial texts (Redactor.preview)", adversarial, preview);
		for (int i = 0; i < adversarial.size(); i++) {
			report("  " + RedactionSamples.ADVERSARIAL_NAMES.get(i), List.of(adversarial.get(i)), preview);
		}
		System.out.printf(Locale.ROOT, "(sink %d) load average %s%n", this.sink, loadAverage());
		return 0;
	}

	/** What the ingest redacts of one event: preview, error type, ids, attributes. */
	@SuppressWarnings("unchecked")
	private int redactEvent(AiCall call) {
		Map<String, Object> fields = call.fields();
		int length = length(this.redactor.preview((String) fields.get("outputPreview")));
		length += length(this.redactor.text((String) fields.get("errorType"), 200));
		length += length(this.redactor.id((String) fields.get("userId")));
		length += length(this.redactor.id((String) fields.get("sessionId")));
		length += length(this.redactor.id((String) fields.get("conversationId")));
		return length + this.redactor.attributes((Map<String, String>) fields.get("attributes")).size();
	}

	private <T> void report(String name, List<T> texts, ToIntFunction<T> work) {
		List<double[]> rounds = new ArrayList<>();
		for (int round = 0; round < this.rounds; round++) {
			long done = 0;
			long cpuStart = cpu();
			long wallStart = System.nanoTime();
			do {
				pass(texts, work);
				done += texts.size();
			}
			while (cpu() - cpuStart < 1_000_000_000L);
			rounds.add(new double[] { (cpu() - cpuStart) / 1000.0 / done,
					(System.nanoTime() - wallStart) / 1000.0 / done });
		}
		double cpu = Statistics.median(rounds, (round) -> round[0]);
		double wall = Statistics.median(rounds, (round) -> round[1]);
		System.out.printf(Locale.ROOT, "%-58s %6d %10.1f %10.1f %10.0f   CPU µs by round %s%n", name, texts.size(), cpu,
				wall, 1_000_000 / cpu, rounds.stream().map((round) -> Bench.format(round[0])).toList());
	}

	/**
	 * This thread's CPU time: on a machine shared with other builds, wall time is not.
	 */
	private static long cpu() {
		return THREADS.getCurrentThreadCpuTime();
	}

	private <T> void pass(List<T> texts, ToIntFunction<T> work) {
		for (T text : texts) {
			this.sink += work.applyAsInt(text);
		}
	}

	private static int length(String text) {
		return (text != null) ? text.length() : 0;
	}

	private static double meanLength(List<String> texts) {
		return texts.stream().mapToInt(String::length).average().orElse(0);
	}

	private static String loadAverage() {
		try {
			return Files.readString(Path.of("/proc/loadavg")).trim();
		}
		catch (Exception ex) {
			return "unknown";
		}
	}

}
