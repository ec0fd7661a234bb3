package com.xorstack.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import com.xorstack.devstack.Suite;
import com.xorstack.devstack.SuiteSettings;

/**
 * Runs one benchmark against a suite it starts itself from the built jars, on free ports
 * with empty databases suffixed {@code _bench_<pid>}, dropped at the end;
 * {@code redaction} runs in process, without a suite. Usage:
 * {@code Bench <gateway|feedback|ailog|dashboard|startup|database|redaction> [--key value ...]};
 * see docs/BENCHMARKS.md.
 */
public final class Bench {

	private Bench() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			System.err.println(
					"Usage: Bench <gateway|feedback|ailog|dashboard|startup|database|redaction> [--key value ...]; see docs/BENCHMARKS.md");
			System.exit(2);
		}
		Map<String, String> options = options(Arrays.copyOfRange(args, 1, args.length));
		if (args[0].equals("redaction")) {
			// in process, on one core: a suite would only compete with it for the CPU
			System.exit(new RedactionBench(options).run());
		}
		int exit;
		try (Suite suite = start(args[0])) {
			System.out.println("Suite up: " + suite);
			exit = switch (args[0]) {
				case "gateway" -> new GatewayOverheadBench(suite, options).run();
				case "feedback" -> new FeedbackSubmissionBench(suite, options).run();
				case "ailog" -> new AilogIngestBench(suite, options).run();
				case "dashboard" -> new DashboardBench(suite, options).run();
				case "startup" -> new StartupBench(suite, options).run();
				case "database" -> new DatabaseMetricsBench(suite, options).run();
				default -> {
					System.err.println("Unknown benchmark " + args[0]);
					yield 2;
				}
			};
		}
		System.exit(exit);
	}

	private static Suite start(String benchmark) {
		// Rate limiting stays on (every request still takes a token from its caller's
		// bucket in
		// Redis), with buckets large enough that a benchmark measures the cost, not the
		// limit.
		// Databases of this run's own (suffixed with the pid), dropped at the end: two
		// benchmarks at once never drop each other's.
		SuiteSettings settings = SuiteSettings.forTests("_bench_" + ProcessHandle.current().pid())
			.withServiceVariable("XORSTACK_GATEWAY_RATELIMIT_REPLENISHRATE", "1000000")
			.withServiceVariable("XORSTACK_GATEWAY_RATELIMIT_BURSTCAPACITY", "1000000");
		Path workDir = Path.of("bench", "target", "bench-stack-" + benchmark + "-" + System.currentTimeMillis())
			.toAbsolutePath();
		Suite suite = Suite.start(settings.withDevStack(settings.devStack().withWorkDir(workDir)));
		suite.dropDatabasesOnClose();
		return suite;
	}

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (int i = 0; i + 1 < args.length; i += 2) {
			if (!args[i].startsWith("--")) {
				throw new IllegalArgumentException("Expected --key value, got " + args[i]);
			}
			options.put(args[i].substring(2), args[i + 1]);
		}
		return options;
	}

	static int intOption(Map<String, String> options, String name, int fallback) {
		return Integer.parseInt(options.getOrDefault(name, String.valueOf(fallback)));
	}

	static String format(double value) {
		return String.format(Locale.ROOT, "%.2f", value);
	}

}
