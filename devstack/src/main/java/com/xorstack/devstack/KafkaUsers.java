package com.xorstack.devstack;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import com.xorstack.platform.events.KafkaPrincipals;
import com.xorstack.platform.events.TopicAccess;
import com.xorstack.platform.kafka.KafkaLogin;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The Kafka users of a devstack broker: the administrator (a super user, whose SCRAM
 * credential is formatted into the storage) and one user per {@link KafkaPrincipals
 * principal} with a password of this run alone and the ACLs of {@link TopicAccess}, which
 * docker-compose.yml and the Kubernetes KafkaUsers repeat.
 */
final class KafkaUsers {

	static final String ADMIN = "admin";

	static final String MECHANISM = "SCRAM-SHA-512";

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private final String bootstrapServers;

	private final String adminPassword;

	private final Map<String, String> passwords = new LinkedHashMap<>();

	KafkaUsers(String bootstrapServers, String adminPassword) {
		this.bootstrapServers = bootstrapServers;
		this.adminPassword = adminPassword;
		KafkaPrincipals.ALL.forEach((principal) -> this.passwords.put(principal, MachineSecret.random(24)));
	}

	/** The users another process made, with the passwords it made for them. */
	KafkaUsers(String bootstrapServers, String adminPassword, Map<String, String> passwords) {
		this.bootstrapServers = bootstrapServers;
		this.adminPassword = adminPassword;
		this.passwords.putAll(passwords);
	}

	/** Each principal's password of this run, without the administrator's. */
	Map<String, String> passwords() {
		return Map.copyOf(this.passwords);
	}

	/**
	 * Gives every principal its credential and ACLs and returns when the broker applies
	 * them (a client that signs in a moment later is not refused).
	 */
	void create() {
		try (Admin admin = Admin.create(clientProperties(ADMIN))) {
			List<UserScramCredentialUpsertion> credentials = this.passwords.entrySet()
				.stream()
				.map((user) -> new UserScramCredentialUpsertion(user.getKey(),
						new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, 8192), user.getValue()))
				.toList();
			admin.alterUserScramCredentials(List.copyOf(credentials))
				.all()
				.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			List<AclBinding> acls = acls();
			admin.createAcls(acls).all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			awaitApplied(admin, acls.size());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new DevStackException("Interrupted while making the Kafka users", ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new DevStackException("Cannot make the Kafka users: " + ex.getMessage(), ex);
		}
	}

	private static void awaitApplied(Admin admin, int count)
			throws InterruptedException, ExecutionException, TimeoutException {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (admin.describeAcls(AclBindingFilter.ANY)
			.values()
			.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
			.size() < count) {
			if (System.nanoTime() > deadline) {
				throw new TimeoutException("the broker did not apply " + count + " ACLs within " + TIMEOUT);
			}
			Thread.sleep(50);
		}
	}

	/** {@link TopicAccess#grants()} as the broker's ACLs. */
	static List<AclBinding> acls() {
		return TopicAccess.grants()
			.stream()
			.map((grant) -> new AclBinding(
					new ResourcePattern(grant.resource().equals("group") ? ResourceType.GROUP : ResourceType.TOPIC,
							grant.name(), grant.prefixed() ? PatternType.PREFIXED : PatternType.LITERAL),
					new AccessControlEntry("User:" + grant.principal(), "*", operation(grant.operation()),
							AclPermissionType.ALLOW)))
			.toList();
	}

	/** {@code DescribeConfigs} to {@code DESCRIBE_CONFIGS}. */
	private static AclOperation operation(String name) {
		return AclOperation.fromString(name.replaceAll("([a-z])([A-Z])", "$1_$2"));
	}

	/**
	 * Settings of a Kafka client signed in as {@code principal} ({@link #ADMIN} or one of
	 * {@link KafkaPrincipals#ALL}).
	 */
	Map<String, Object> clientProperties(String principal) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers);
		properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, "SASL_PLAINTEXT");
		properties.put(SaslConfigs.SASL_MECHANISM, MECHANISM);
		properties.put(SaslConfigs.SASL_JAAS_CONFIG, jaasConfig(MECHANISM, principal, password(principal)));
		return properties;
	}

	String password(String principal) {
		if (principal.equals(ADMIN)) {
			return this.adminPassword;
		}
		String password = this.passwords.get(principal);
		if (password == null) {
			throw new IllegalArgumentException("No Kafka user " + principal + ": one of " + ADMIN + ", "
					+ String.join(", ", this.passwords.keySet()));
		}
		return password;
	}

	static String jaasConfig(String mechanism, String username, String password) {
		return KafkaLogin.jaasConfig(mechanism, username, password);
	}

	/** A short digest of a password, to name what depends on it without showing it. */
	static String fingerprint(String password) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(password.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest, 0, 6);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
