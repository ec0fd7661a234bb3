package com.xorstack.ailog.ingest;

import java.util.Set;
import java.util.UUID;

/**
 * What became of a batch of valid calls: the ids stored now, and how many were stored
 * before (a redelivery, a retry, or the same id twice in the batch).
 */
public record IngestOutcome(Set<UUID> stored, int duplicates) {

}
