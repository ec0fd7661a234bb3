package com.xorstack.devstack;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;

/**
 * Empties a shared broker for the next test JVM, as if it were new: every topic (with its
 * records and the offsets committed on it) and every consumer group goes. The users and
 * ACLs stay: they belong to the run, not to a test. The services make their topics again
 * when they start ({@code TopicBuilder} beans).
 */
final class KafkaReset {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private KafkaReset() {
	}

	static void run(Map<String, Object> adminProperties) {
		try (Admin admin = Admin.create(adminProperties)) {
			Set<String> topics = admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			if (!topics.isEmpty()) {
				admin.deleteTopics(topics).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
				awaitGone(admin);
			}
			deleteGroups(admin);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DevStackException("Interrupted while emptying the shared Kafka", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new DevStackException("Cannot empty the shared Kafka: " + ex.getMessage(), ex);
		}
	}

	/** A topic made again before its deletion is through would be refused. */
	private static void awaitGone(Admin admin) throws InterruptedException, ExecutionException, TimeoutException {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (!admin.listTopics().names().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).isEmpty()) {
			if (System.nanoTime() > deadline) {
				throw new TimeoutException("topics still there after " + TIMEOUT);
			}
			Thread.sleep(50);
		}
	}

	/**
	 * A group whose members a killed JVM left behind cannot be deleted until their
	 * sessions time out; its offsets went with the topics, so it is left to expire.
	 */
	private static void deleteGroups(Admin admin) throws InterruptedException, TimeoutException {
		try {
			Set<String> groups = admin.listGroups()
				.all()
				.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
				.stream()
				.map(GroupListing::groupId)
				.collect(Collectors.toSet());
			if (!groups.isEmpty()) {
				admin.deleteConsumerGroups(groups).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			}
		}
		catch (ExecutionException ex) {
			System.getLogger(KafkaReset.class.getName())
				.log(System.Logger.Level.INFO, "Some consumer groups stay until they expire: " + ex.getMessage());
		}
	}

}
