package com.xorstack.devstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ChildProcessTests {

	@TempDir
	Path dir;

	@Test
	void earlyExitNamesTheLogAndShowsItsLastLines() {
		Path log = this.dir.resolve("logs/early.log");
		ChildProcess child = ChildProcess.start("early", List.of("sh", "-c", "echo first; echo cannot bind; exit 3"),
				Map.of(), log);
		assertThatExceptionOfType(DevStackException.class)
			.isThrownBy(() -> child.awaitReady(Duration.ofSeconds(10), () -> false))
			.withMessage(
					"early exited with code 3 before it was ready; see " + log + ", last lines:\nfirst\ncannot bind");
	}

	@Test
	void notReadyInTimeIsStopped() {
		ChildProcess child = ChildProcess.start("slow", List.of("sleep", "300"), Map.of(),
				this.dir.resolve("slow.log"));
		assertThatExceptionOfType(DevStackException.class)
			.isThrownBy(() -> child.awaitReady(Duration.ofSeconds(1), () -> false))
			.withMessageStartingWith("slow was not ready within 1 s; see ");
		assertThat(child.isAlive()).isFalse();
	}

	@Test
	void closeStopsTheProcessAndItsDescendants() {
		ChildProcess child = ChildProcess.start("tree", List.of("sh", "-c", "sleep 300 & sleep 300 & wait"),
				Map.of("UNUSED", "x"), this.dir.resolve("tree.log"));
		child.awaitReady(Duration.ofSeconds(10), () -> descendants(child).size() == 2);
		List<ProcessHandle> tree = new ArrayList<>(descendants(child));
		tree.add(ProcessHandle.of(child.pid()).orElseThrow());

		child.close();

		assertThat(tree).noneMatch(ProcessHandle::isAlive);
	}

	@Test
	void failureOfOnePartStopsAnotherThatIsStillStarting() {
		AtomicReference<ChildProcess> starting = new AtomicReference<>();
		Callable<Object> neverReady = () -> {
			starting.set(ChildProcess.start("never", List.of("sleep", "300"), Map.of(), this.dir.resolve("never.log")));
			return starting.get().awaitReady(Duration.ofSeconds(60), () -> false);
		};
		Callable<Object> failing = () -> {
			Thread.sleep(500);
			throw new DevStackException("Keycloak failed");
		};
		assertThatExceptionOfType(DevStackException.class).isThrownBy(() -> Parallel.all(List.of(neverReady, failing)))
			.withMessage("Keycloak failed");
		assertThat(starting.get().isAlive()).isFalse();
	}

	private static List<ProcessHandle> descendants(ChildProcess child) {
		return ProcessHandle.of(child.pid()).orElseThrow().descendants().toList();
	}

}
