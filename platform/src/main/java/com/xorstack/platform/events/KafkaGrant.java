package com.xorstack.platform.events;

/**
 * One ACL of the suite's broker: {@code principal} may do {@code operation} on a topic or
 * a consumer group named {@code name} (or, {@code prefixed}, on every one whose name
 * starts with it). Operations are named as Kafka and Strimzi name them ({@code Write},
 * {@code DescribeConfigs}).
 *
 * @param principal the Kafka user
 * @param resource {@code topic} or {@code group}
 * @param name the resource's name or prefix
 * @param prefixed whether {@code name} is a prefix
 * @param operation what is allowed
 */
public record KafkaGrant(String principal, String resource, String name, boolean prefixed, String operation) {

	@Override
	public String toString() {
		return this.principal + " " + this.operation + " " + this.resource + " " + this.name
				+ (this.prefixed ? "*" : "");
	}

}
