package com.xorstack.devstack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * One child process of the stack with its output in a log file. Readiness is polled by
 * the caller's check; an early exit or a timeout fails with the log's last lines, because
 * that is where the reason is.
 */
final class ChildProcess implements AutoCloseable {

	private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

	private static final System.Logger logger = System.getLogger(ChildProcess.class.getName());

	private static final int TAIL_LINES = 30;

	private static final Path SETSID = Path.of("/usr/bin/setsid");

	private final String name;

	private final Process process;

	private final Path log;

	private ChildProcess(String name, Process process, Path log) {
		this.name = name;
		this.process = process;
		this.log = log;
	}

	static ChildProcess start(String name, List<String> command, Map<String, String> environment, Path log) {
		try {
			Files.createDirectories(log.getParent());
			ProcessBuilder builder = new ProcessBuilder(ownSession(command)).redirectErrorStream(true)
				.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
			builder.environment().putAll(environment);
			ChildProcess child = new ChildProcess(name, builder.start(), log);
			StopOnExit.register(child);
			return child;
		}
		catch (IOException ex) {
			throw new DevStackException("Cannot start " + name + " (" + command.get(0) + "): " + ex.getMessage(), ex);
		}
	}

	/**
	 * Ctrl-C in a terminal signals its whole foreground process group. In a session of
	 * its own a child hears of it only from us, after what depends on it has stopped.
	 * setsid execs the command in place, so the process id stays the child's own.
	 */
	private static List<String> ownSession(List<String> command) {
		if (!Files.isExecutable(SETSID)) {
			return command;
		}
		List<String> withSetsid = new ArrayList<>(command.size() + 1);
		withSetsid.add(SETSID.toString());
		withSetsid.addAll(command);
		return withSetsid;
	}

	/**
	 * Polls {@code ready} every 200 ms. Fails, and stops the process, if it exits first,
	 * time runs out or the waiting thread is interrupted (another part failed to start).
	 */
	ChildProcess awaitReady(Duration timeout, BooleanSupplier ready) {
		long started = System.nanoTime();
		long deadline = started + timeout.toNanos();
		try {
			while (!ready.getAsBoolean()) {
				if (!this.process.isAlive()) {
					throw failure(this.name + " exited with code " + this.process.exitValue() + " before it was ready");
				}
				if (System.nanoTime() > deadline) {
					throw failure(this.name + " was not ready within " + timeout.toSeconds() + " s");
				}
				Thread.sleep(200);
			}
			logger.log(System.Logger.Level.INFO,
					"%s ready in %.1f s, log %s".formatted(this, (System.nanoTime() - started) / 1e9, this.log));
			return this;
		}
		catch (InterruptedException ex) {
			close();
			Thread.currentThread().interrupt();
			throw new DevStackException(this.name + " start was cancelled", ex);
		}
	}

	/** Waits for a short-lived command, such as Kafka's storage format, to succeed. */
	void awaitSuccess(Duration timeout) {
		try {
			if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw failure(this.name + " did not finish within " + timeout.toSeconds() + " s");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw failure(this.name + " was interrupted");
		}
		finally {
			close();
		}
		if (this.process.exitValue() != 0) {
			throw failure(this.name + " failed with exit code " + this.process.exitValue());
		}
	}

	DevStackException failure(String what) {
		close();
		return new DevStackException(what + "; see " + this.log + ", last lines:\n" + tail());
	}

	String tail() {
		try {
			List<String> lines = Files.readAllLines(this.log, StandardCharsets.UTF_8);
			return String.join("\n", lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size()));
		}
		catch (IOException ex) {
			return "(cannot read " + this.log + ": " + ex.getMessage() + ")";
		}
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	long pid() {
		return this.process.pid();
	}

	Path log() {
		return this.log;
	}

	/**
	 * SIGTERM to the process and its descendants (kc.sh starts a second JVM), then
	 * SIGKILL to whatever is left after 15 s. Safe to call twice and from the shutdown
	 * hook.
	 */
	@Override
	public void close() {
		stop(STOP_TIMEOUT);
	}

	/** As {@link #close()}, with SIGKILL after {@code timeout}. */
	synchronized void stop(Duration timeout) {
		Deque<ProcessHandle> tree = new ArrayDeque<>();
		tree.add(this.process.toHandle());
		this.process.descendants().forEach(tree::add);
		tree.forEach(ProcessHandle::destroy);
		long deadline = System.nanoTime() + timeout.toNanos();
		for (ProcessHandle handle : tree) {
			long left = Math.max(0, deadline - System.nanoTime());
			try {
				handle.onExit().get(left, TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				handle.destroyForcibly();
			}
			catch (ExecutionException | TimeoutException ex) {
				handle.destroyForcibly();
			}
		}
		StopOnExit.unregister(this);
	}

	@Override
	public String toString() {
		return this.name + " (pid " + this.process.pid() + ")";
	}

}
