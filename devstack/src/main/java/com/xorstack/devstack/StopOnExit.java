package com.xorstack.devstack;

import java.util.ArrayDeque;
import java.util.Deque;

import org.jspecify.annotations.Nullable;

/**
 * One JVM shutdown hook that closes whatever is still open, newest first, so that Ctrl-C,
 * a test JVM that exits without closing, or a failure halfway through a start leave no
 * child process behind. Closing normally unregisters, so the hook then finds nothing to
 * do.
 */
final class StopOnExit {

	private static final Deque<AutoCloseable> open = new ArrayDeque<>();

	private static boolean hookAdded;

	private static boolean exiting;

	private StopOnExit() {
	}

	static void register(AutoCloseable closeable) {
		if (!add(closeable)) {
			// Started while the hook runs (Ctrl-C during a start): it would outlive us
			close(closeable);
			throw new DevStackException("The JVM is shutting down");
		}
	}

	static synchronized void unregister(AutoCloseable closeable) {
		open.remove(closeable);
	}

	private static synchronized boolean add(AutoCloseable closeable) {
		if (exiting) {
			return false;
		}
		if (!hookAdded) {
			Runtime.getRuntime().addShutdownHook(new Thread(StopOnExit::closeAll, "xorstack-stop-on-exit"));
			hookAdded = true;
		}
		open.push(closeable);
		return true;
	}

	private static void closeAll() {
		AutoCloseable next;
		while ((next = newest()) != null) {
			close(next);
			unregister(next);
		}
	}

	private static synchronized @Nullable AutoCloseable newest() {
		exiting = true;
		return open.peek();
	}

	private static void close(AutoCloseable closeable) {
		try {
			closeable.close();
		}
		catch (Exception ex) {
			System.err.println("Could not stop " + closeable + ": " + ex);
		}
	}

}
