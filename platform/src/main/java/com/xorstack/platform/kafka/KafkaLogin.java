package com.xorstack.platform.kafka;

/**
 * The JAAS login line of a Kafka client, for the services ({@link KafkaCredentials}) and
 * the devstack's broker and test clients alike.
 */
public final class KafkaLogin {

	private KafkaLogin() {
	}

	/**
	 * The login line for SCRAM or PLAIN, quoting as JAAS does, so that any password
	 * works.
	 */
	public static String jaasConfig(String mechanism, String username, String password) {
		String module = mechanism.startsWith("SCRAM-") ? "org.apache.kafka.common.security.scram.ScramLoginModule"
				: "org.apache.kafka.common.security.plain.PlainLoginModule";
		return module + " required username=\"" + quoted(username) + "\" password=\"" + quoted(password) + "\";";
	}

	private static String quoted(String value) {
		return value.replace("\\", "\\\\").replace("\"", "\\\"");
	}

}
