package com.xorstack.auth.audit;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * The head of the audit chain as anchored outside the database: the data of a
 * {@code com.xorstack.audit.chain-head.v1} event. Signed with the chain key, so that
 * someone who can cut rows off the database and write to Kafka still cannot publish the
 * shorter head that would hide it.
 *
 * @param keyedSince the seq of the first keyed row: from it on, no row may be unkeyed
 */
record AuditChainHead(long seq, UUID id, String hash, int chainVersion, @Nullable Long keyedSince, Instant publishedAt,
		String signature) {

	static AuditChainHead signed(Tip tip, @Nullable Long keyedSince, Instant publishedAt, AuditChainKeys keys) {
		AuditChainHead unsigned = new AuditChainHead(tip.seq(), tip.id(), tip.hash(), tip.chainVersion(), keyedSince,
				publishedAt, "");
		return new AuditChainHead(tip.seq(), tip.id(), tip.hash(), tip.chainVersion(), keyedSince, publishedAt,
				keys.hmac(signingVersion(tip.chainVersion(), keys), unsigned.signedText()));
	}

	static AuditChainHead of(JsonNode data) {
		JsonNode keyedSince = data.path("keyedSince");
		return new AuditChainHead(data.path("seq").asLong(), UUID.fromString(data.path("id").asString()),
				data.path("hash").asString(), data.path("chainVersion").asInt(),
				keyedSince.isNumber() ? keyedSince.asLong() : null, Instant.parse(data.path("publishedAt").asString()),
				data.path("signature").asString());
	}

	Map<String, Object> data() {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("seq", this.seq);
		data.put("id", this.id.toString());
		data.put("hash", this.hash);
		data.put("chainVersion", this.chainVersion);
		data.put("keyedSince", this.keyedSince);
		data.put("publishedAt", this.publishedAt.toString());
		data.put("signature", this.signature);
		return data;
	}

	boolean signatureValid(AuditChainKeys keys) {
		int version = signingVersion(this.chainVersion, keys);
		return keys.knows(version) && keys.hmac(version, signedText()).equals(this.signature);
	}

	/**
	 * A head on a keyed row is signed with that row's key, one on an unkeyed row with the
	 * current key.
	 */
	private static int signingVersion(int chainVersion, AuditChainKeys keys) {
		return (chainVersion >= 2) ? chainVersion : keys.currentVersion();
	}

	private String signedText() {
		return "audit-chain-head|" + this.seq + "|" + this.id + "|" + this.hash + "|" + this.chainVersion + "|"
				+ this.keyedSince + "|" + this.publishedAt;
	}

	/** The newest row as the database holds it. */
	record Tip(long seq, UUID id, String hash, int chainVersion) {
	}

}
