package com.xorstack.auth.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * The secrets of the keyed audit chain, by chain version. Version 1 is the unkeyed
 * SHA-256 chain of the rows written before migration V6; 2 and up are HMAC-SHA256 with a
 * key that lives outside the database, so that someone who can rewrite the table cannot
 * recompute a chain that verifies.
 * <p>
 * Without {@code AUDIT_CHAIN_KEY} the service starts with a public development key and
 * says so loudly at start, on every head it publishes and in every verify answer: the
 * devstack and a first {@code docker compose up} keep working, and no one can mistake
 * such a chain for a protected one. A key shorter than 32 characters is refused.
 */
@Component
class AuditChainKeys {

	private static final Logger logger = LoggerFactory.getLogger(AuditChainKeys.class);

	/** Public on purpose: it protects nothing. */
	static final String DEVELOPMENT_KEY = "xorstack-development-audit-chain-key-protects-nothing";

	static final String DEVELOPMENT_WARNING = "The audit chain is keyed with the public development key:"
			+ " set AUDIT_CHAIN_KEY from a secret, or anyone with database access can rewrite the audit log unnoticed";

	private static final int MINIMUM_LENGTH = 32;

	private final int currentVersion;

	private final Map<Integer, SecretKeySpec> keys = new HashMap<>();

	private final boolean development;

	AuditChainKeys(AuditProperties properties) {
		this.currentVersion = properties.chainKeyVersion();
		if (this.currentVersion < 2) {
			throw new IllegalStateException(
					"xorstack.audit.chain-key-version must be 2 or more: 1 is the unkeyed chain");
		}
		String current = properties.chainKey();
		this.development = current == null || current.isBlank();
		if (this.development) {
			logger.error(DEVELOPMENT_WARNING);
		}
		this.keys.put(this.currentVersion, key(this.currentVersion, this.development ? DEVELOPMENT_KEY : current));
		if (properties.previousChainKeys() != null) {
			properties.previousChainKeys().forEach((version, secret) -> {
				if (version >= 2 && version < this.currentVersion) {
					this.keys.put(version, key(version, secret));
				}
			});
		}
	}

	int currentVersion() {
		return this.currentVersion;
	}

	boolean development() {
		return this.development;
	}

	/**
	 * Whether rows of this chain version can be checked: 1 always, keyed ones with their
	 * key.
	 */
	boolean knows(int version) {
		return version == 1 || this.keys.containsKey(version);
	}

	/** Hex HMAC-SHA256 of the text with the key of one chain version (2 and up). */
	String hmac(int version, String text) {
		SecretKeySpec key = this.keys.get(version);
		if (key == null) {
			throw new IllegalStateException("No audit chain key for version " + version);
		}
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(key);
			return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException("Every JVM has HmacSHA256", ex);
		}
	}

	private static SecretKeySpec key(int version, String secret) {
		if (secret.length() < MINIMUM_LENGTH) {
			throw new IllegalStateException("The audit chain key of version " + version + " has fewer than "
					+ MINIMUM_LENGTH + " characters: use a random secret (openssl rand -hex 32)");
		}
		return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
	}

}
