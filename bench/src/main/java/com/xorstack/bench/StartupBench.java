package com.xorstack.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.xorstack.devstack.Service;
import com.xorstack.devstack.ServiceJvm;
import com.xorstack.devstack.ServiceProcess;
import com.xorstack.devstack.Suite;

/**
 * How long each service takes to be ready, the CPU time its start costs and its resident
 * memory, the JVM of before issue #25 against today's, with the agent and without, in one
 * session and interleaved (the order of the variants turns each round), so the load of a
 * shared machine weighs on each alike. Each service is started alone, the others stopped;
 * then the four behind the gateway at once and the gateway after them, as
 * {@code ./xorstack up} does. Options: {@code --rounds} (3), {@code --idle} seconds after
 * ready before the idle RSS is read (20), {@code --together} (true).
 */
final class StartupBench {

	private static final List<Service> BEHIND_GATEWAY = List.of(Service.AUTH, Service.FEEDBACK, Service.METRICS,
			Service.AILOG);

	private final Suite suite;

	private final int rounds;

	private final int idleSeconds;

	private final boolean together;

	private final boolean nmt;

	private final Map<String, ServiceJvm> variants = new LinkedHashMap<>();

	StartupBench(Suite suite, Map<String, String> options) {
		this.suite = suite;
		this.rounds = Bench.intOption(options, "rounds", 3);
		this.idleSeconds = Bench.intOption(options, "idle", 20);
		this.together = Boolean.parseBoolean(options.getOrDefault("together", "true"));
		this.nmt = Boolean.parseBoolean(options.getOrDefault("nmt", "false"));
		ServiceJvm today = ServiceJvm.defaults(System.getenv());
		if (this.nmt) {
			// costs a little memory of its own; for the breakdown, not for the numbers
			List<String> withNmt = new ArrayList<>(today.options());
			withNmt.add("-XX:NativeMemoryTracking=summary");
			today = today.withOptions(withNmt);
		}
		this.variants.put("before", ServiceJvm.BEFORE);
		this.variants.put("after", today);
		this.variants.put("after-no-agent", today.withoutOtelAgent());
	}

	int run() throws Exception {
		System.out.println("Load at the start: " + Files.readString(Path.of("/proc/loadavg")).strip());
		for (Service service : Service.values()) {
			this.suite.service(service).stop();
		}
		Map<String, List<Sample>> alone = new LinkedHashMap<>();
		List<String> names = new ArrayList<>(this.variants.keySet());
		for (int round = 0; round < this.rounds; round++) {
			for (Service service : Service.values()) {
				for (int i = 0; i < names.size(); i++) {
					String variant = names.get((i + round) % names.size());
					Sample sample = alone(service, this.variants.get(variant));
					System.out.printf("round %d %-16s %-15s %s%n", round + 1, service.module(), variant, sample);
					alone.computeIfAbsent(service.module() + " " + variant, (key) -> new ArrayList<>()).add(sample);
				}
			}
		}
		System.out.println("\nEach service alone, medians of " + this.rounds + " rounds:");
		System.out.println("service variant: ready s, CPU s at ready, RSS MB at ready, RSS MB after idle");
		alone.forEach((key, samples) -> System.out.println(key + ": " + median(samples)));
		if (this.together) {
			suiteAtOnce(names);
		}
		System.out.println("Load at the end: " + Files.readString(Path.of("/proc/loadavg")).strip());
		return 0;
	}

	private Sample alone(Service service, ServiceJvm jvm) throws Exception {
		ServiceProcess process = this.suite.service(service).withJvm(jvm);
		try {
			long started = System.nanoTime();
			process.start();
			double ready = (System.nanoTime() - started) / 1e9;
			long pid = process.pid();
			double cpu = cpuSeconds(pid);
			double rss = rssMegabytes(pid);
			Thread.sleep(this.idleSeconds * 1000L);
			Sample sample = new Sample(ready, cpu, rss, rssMegabytes(pid));
			if (this.nmt && jvm.options().contains("-XX:NativeMemoryTracking=summary")) {
				printNativeMemory(service, pid);
			}
			return sample;
		}
		finally {
			process.stop();
		}
	}

	/** The four behind the gateway at once, then the gateway: the services of an up. */
	private void suiteAtOnce(List<String> names) throws Exception {
		Map<String, List<Double>> seconds = new LinkedHashMap<>();
		Map<String, List<Double>> cpu = new LinkedHashMap<>();
		for (int round = 0; round < this.rounds; round++) {
			for (int i = 0; i < names.size(); i++) {
				String variant = names.get((i + round) % names.size());
				List<ServiceProcess> processes = new ArrayList<>();
				try {
					long started = System.nanoTime();
					try (ExecutorService pool = Executors.newFixedThreadPool(BEHIND_GATEWAY.size())) {
						List<Future<ServiceProcess>> starts = new ArrayList<>();
						for (Service service : BEHIND_GATEWAY) {
							ServiceProcess process = this.suite.service(service).withJvm(this.variants.get(variant));
							processes.add(process);
							starts.add(pool.submit(process::start));
						}
						for (Future<ServiceProcess> start : starts) {
							start.get();
						}
					}
					ServiceProcess gateway = this.suite.service(Service.GATEWAY).withJvm(this.variants.get(variant));
					processes.add(gateway);
					gateway.start();
					double ready = (System.nanoTime() - started) / 1e9;
					double cpuSeconds = 0;
					for (ServiceProcess process : processes) {
						cpuSeconds += cpuSeconds(process.pid());
					}
					System.out.printf("round %d all five %-15s ready %.1f s, CPU %.1f s%n", round + 1, variant, ready,
							cpuSeconds);
					seconds.computeIfAbsent(variant, (key) -> new ArrayList<>()).add(ready);
					cpu.computeIfAbsent(variant, (key) -> new ArrayList<>()).add(cpuSeconds);
				}
				finally {
					processes.forEach(ServiceProcess::stop);
				}
			}
		}
		System.out.println("\nThe five services as an up starts them, medians of " + this.rounds + " rounds:");
		seconds.forEach((variant, values) -> System.out.printf("%s: ready %.1f s, CPU %.1f s%n", variant,
				Statistics.median(values, Double::doubleValue),
				Statistics.median(cpu.get(variant), Double::doubleValue)));
	}

	/** The JVM's own account of its memory by area, as {@code jcmd} gives it. */
	private static void printNativeMemory(Service service, long pid) throws Exception {
		Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
		Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "VM.native_memory", "summary")
			.redirectErrorStream(true)
			.start();
		String output = new String(process.getInputStream().readAllBytes());
		process.waitFor();
		System.out.println("NMT of " + service.module() + ":\n"
				+ output.lines()
					.filter((line) -> line.startsWith("Total") || line.startsWith("-"))
					.map(String::strip)
					.reduce((a, b) -> a + "\n" + b)
					.orElse(output));
	}

	/** User and system time of the process so far, from /proc (clock ticks of 10 ms). */
	static double cpuSeconds(long pid) throws IOException {
		String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
		// fields after the command's closing parenthesis; utime and stime are the 14th
		// and 15th of the whole line
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
	}

	static double rssMegabytes(long pid) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
			}
		}
		throw new IOException("No VmRSS for process " + pid);
	}

	private static String median(List<Sample> samples) {
		return "%.1f s, %.1f s, %.0f MB, %.0f MB".formatted(Statistics.median(samples, Sample::readySeconds),
				Statistics.median(samples, Sample::cpuSeconds), Statistics.median(samples, Sample::rssAtReady),
				Statistics.median(samples, Sample::rssIdle));
	}

	record Sample(double readySeconds, double cpuSeconds, double rssAtReady, double rssIdle) {

		@Override
		public String toString() {
			return "ready %.1f s, CPU %.1f s, RSS %.0f MB at ready, %.0f MB idle".formatted(this.readySeconds,
					this.cpuSeconds, this.rssAtReady, this.rssIdle);
		}

	}

}
