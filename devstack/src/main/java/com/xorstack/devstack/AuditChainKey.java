package com.xorstack.devstack;

/**
 * The audit chain's HMAC key of this machine's local runs ({@code AUDIT_CHAIN_KEY} of
 * auth-service), so that the chain of a database kept between runs of
 * {@code ./xorstack up} still verifies, and no run uses the public development key.
 */
final class AuditChainKey {

	private AuditChainKey() {
	}

	static String get() {
		return MachineSecret.get("audit-chain.key", 48);
	}

}
