package com.xorstack.auth.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import com.xorstack.platform.web.Cursors;

/** The filters of {@code GET /api/admin/audit}; a null filter matches everything. */
record AuditQuery(@Nullable String actor, @Nullable String action, @Nullable String target, @Nullable Instant from,
		@Nullable Instant to, Cursors.@Nullable Position after) {
}
