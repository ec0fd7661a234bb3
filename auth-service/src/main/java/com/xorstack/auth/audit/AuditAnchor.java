package com.xorstack.auth.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Where the chain starts once retention dropped its oldest months: a row of
 * {@code audit_anchor}, signed with the chain key so that only auth-service can write one
 * that verify accepts.
 *
 * @param seq the anchor's own sequence number
 * @param partitionName the month dropped
 * @param rangeEnd the dropped partition held rows recorded before this
 * @param rowsDropped how many rows it held
 * @param lastSeq the last dropped row, null when the month was empty
 * @param lastHash the hash the next row must name as its previous hash
 * @param chainVersion the version of the key that signed it, null when unsigned
 * @param signature hex HMAC-SHA256 of {@link #signedText()}, null when unsigned
 */
record AuditAnchor(long seq, String partitionName, Instant rangeEnd, long rowsDropped, @Nullable Long lastSeq,
		String lastHash, @Nullable Integer chainVersion, @Nullable String signature) {

	String sign(AuditChainKeys keys) {
		if (this.chainVersion == null) {
			throw new IllegalStateException("An anchor is signed with the key of a chain version");
		}
		return keys.hmac(this.chainVersion, signedText());
	}

	/** Null when the signature verifies, else why not. */
	@Nullable String problem(AuditChainKeys keys) {
		if (this.signature == null || this.chainVersion == null) {
			return "is not signed: it was not written by auth-service's retention";
		}
		if (this.chainVersion < 2 || !keys.knows(this.chainVersion)) {
			return "is signed with chain version " + this.chainVersion + ", whose key this service was not given";
		}
		if (!this.signature.equals(sign(keys))) {
			return "does not verify with the chain key: it was forged or edited";
		}
		return null;
	}

	private String signedText() {
		return "audit-anchor|" + this.partitionName + "|" + this.rangeEnd + "|" + this.rowsDropped + "|" + this.lastSeq
				+ "|" + this.lastHash + "|" + this.chainVersion;
	}

}
