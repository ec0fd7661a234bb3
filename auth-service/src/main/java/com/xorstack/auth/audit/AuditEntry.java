package com.xorstack.auth.audit;

import java.time.Instant;
import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** One audit row as the API shows it, with its link in the chain. */
@JsonInclude(JsonInclude.Include.NON_NULL)
record AuditEntry(UUID id, Instant at, Instant recordedAt, String actor, String action, String target, String source,
		@Nullable String eventId, JsonNode details, int chainVersion, String prevHash, String hash) {
}
