package com.xorstack.devstack;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Starts and stops that overlap: the slow parts (Keycloak, Kafka, the four services) wait
 * mostly on their own JVMs, so on two cores doing them at once still saves most of the
 * wait.
 */
final class Parallel {

	private Parallel() {
	}

	/**
	 * Runs every task on its own thread and returns their results in order. On the first
	 * failure the other tasks are interrupted and waited for, then that failure is
	 * thrown.
	 */
	static <T> List<T> all(List<Callable<T>> tasks) {
		List<Future<T>> futures = new ArrayList<>();
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			CompletionService<T> completion = new ExecutorCompletionService<>(executor);
			tasks.forEach((task) -> futures.add(completion.submit(task)));
			for (int i = 0; i < tasks.size(); i++) {
				Future<T> done = completion.take();
				try {
					done.get();
				}
				catch (ExecutionException ex) {
					futures.forEach((future) -> future.cancel(true));
					throw unwrap(ex.getCause());
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			futures.forEach((future) -> future.cancel(true));
			throw new DevStackException("Interrupted", ex);
		}
		return futures.stream().map(Future::resultNow).toList();
	}

	/** Runs {@code action} on each item at once and waits for all of them. */
	static <T> void forEach(List<T> items, Action<T> action) {
		all(items.stream().<Callable<Object>>map((item) -> () -> {
			action.accept(item);
			return item;
		}).toList());
	}

	private static RuntimeException unwrap(Throwable cause) {
		return (cause instanceof RuntimeException runtime) ? runtime
				: new DevStackException(String.valueOf(cause.getMessage()), cause);
	}

	@FunctionalInterface
	interface Action<T> {

		void accept(T item) throws Exception;

	}

}
