package com.xorstack.devstack;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceJvmTests {

	private static final JavaRuntime JDK_25 = new JavaRuntime(Path.of("/opt/jdk-25"), 25);

	private static final JavaRuntime JDK_21 = new JavaRuntime(Path.of("/opt/jdk-21"), 21);

	@Test
	void smallDefaultsTrimTheNativeHeapWhereTheJdkCanAndLimitMallocArenas() {
		ServiceJvm jvm = ServiceJvm.defaults(Map.of());
		assertThat(jvm.options(JDK_25)).containsAll(ServiceJvm.SMALL).contains("-XX:TrimNativeHeapInterval=10000");
		assertThat(jvm.options(JDK_21)).containsExactlyElementsOf(ServiceJvm.SMALL);
		assertThat(jvm.environment()).containsEntry("MALLOC_ARENA_MAX", "2");
		assertThat(jvm.aotCache()).isTrue();
		assertThat(jvm.otelAgent()).isTrue();
	}

	@Test
	void optionsFromTheEnvironmentReplaceTheDefaultsAndTheirTuning() {
		ServiceJvm jvm = ServiceJvm.defaults(Map.of(ServiceJvm.OPTIONS, " -Xmx512m  -XX:+UseParallelGC "));
		assertThat(jvm.options(JDK_25)).containsExactly("-Xmx512m", "-XX:+UseParallelGC");
		assertThat(jvm.environment()).isEmpty();
	}

	@Test
	void aotCacheIsOffUnlessAskedForAndNeedsJdk25() {
		Path jar = Path.of("no-such-service-exec.jar");
		assertThat(AotCache.of(Map.of(), JDK_25, jar, null)).isNull();
		assertThat(AotCache.of(Map.of(AotCache.SETTING, "off"), JDK_25, jar, null)).isNull();
		assertThat(AotCache.of(Map.of(AotCache.SETTING, "on"), JDK_21, jar, null)).isNull();
	}

}
