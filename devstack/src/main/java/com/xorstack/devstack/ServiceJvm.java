package com.xorstack.devstack;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How a service's JVM is started: its options, whether it maps an {@link AotCache} (when
 * {@code XORSTACK_AOT_CACHE=on}) and whether it carries the OpenTelemetry agent. The
 * defaults are sized from what the services use at rest (NMT, issue #25;
 * docs/BENCHMARKS.md "Start-up and memory"), and keep a local suite quick to start and
 * small: five JVMs share a few cores here.
 *
 * @param options the JVM options, before the agent and the class path
 * @param aotCache whether to run from the extracted jar with the service's AOT cache
 * @param otelAgent whether to add the OpenTelemetry agent, when the suite has one
 */
public record ServiceJvm(List<String> options, boolean aotCache, boolean otelAgent) {

	/** Replaces {@link #SMALL}, such as {@code -Xmx512m -XX:+UseParallelGC}. */
	public static final String OPTIONS = "XORSTACK_SERVICE_JVM_OPTIONS";

	/**
	 * C1 only: peak throughput matters less here than a quick start. The heap starts at
	 * 32 MB and grows to what a service holds (40-70 MB once idle), shrinking back after
	 * a collection, instead of touching a 256 MB heap's pages once; 256 MB stays the
	 * limit. The serial collector has the smallest footprint and pauses of a few ms at
	 * this size. Code cache and direct memory get a bound so a leak shows as an error
	 * rather than as RSS; glibc keeps freed native memory in per-thread arenas unless
	 * trimmed.
	 */
	static final List<String> SMALL = List.of("-Xms32m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
			"-XX:MinHeapFreeRatio=10", "-XX:MaxHeapFreeRatio=30", "-XX:ReservedCodeCacheSize=64m",
			"-XX:MaxDirectMemorySize=64m", "-Xss512k");

	/**
	 * What the devstack ran before issue #25, for the start-up benchmark's comparison.
	 */
	public static final ServiceJvm BEFORE = new ServiceJvm(
			List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"), false, true);

	public ServiceJvm {
		options = List.copyOf(options);
	}

	/**
	 * {@link #SMALL} with the cache and the agent, unless the environment says otherwise.
	 */
	public static ServiceJvm defaults(Map<String, String> environment) {
		String options = environment.get(OPTIONS);
		List<String> chosen = (options != null && !options.isBlank()) ? List.of(options.strip().split("\\s+")) : SMALL;
		return new ServiceJvm(chosen, true, true);
	}

	public ServiceJvm withoutOtelAgent() {
		return new ServiceJvm(this.options, this.aotCache, false);
	}

	public ServiceJvm withOptions(List<String> options) {
		return new ServiceJvm(options, this.aotCache, this.otelAgent);
	}

	/**
	 * The options for {@code java}: a trim of the native heap every 10 s where the JDK
	 * has it (22 and later), or glibc keeps what Netty's and the agent's threads freed.
	 */
	List<String> options(JavaRuntime java) {
		List<String> options = new ArrayList<>(this.options);
		if (this.options.containsAll(SMALL) && java.version() >= 22) {
			options.add("-XX:TrimNativeHeapInterval=10000");
		}
		return options;
	}

	/**
	 * Two malloc arenas instead of eight per core: less native memory held per thread.
	 */
	Map<String, String> environment() {
		return this.options.containsAll(SMALL) ? Map.of("MALLOC_ARENA_MAX", "2") : Map.of();
	}

}
