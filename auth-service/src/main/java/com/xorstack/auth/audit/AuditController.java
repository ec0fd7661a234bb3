package com.xorstack.auth.audit;

import java.time.Instant;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.xorstack.platform.web.Cursors;
import com.xorstack.platform.web.Page;

@RestController
class AuditController {

	private final AuditLog audit;

	AuditController(AuditLog audit) {
		this.audit = audit;
	}

	@GetMapping("/api/admin/audit")
	Mono<Page<AuditEntry>> list(@RequestParam(required = false) @Nullable String actor,
			@RequestParam(required = false) @Nullable String action,
			@RequestParam(required = false) @Nullable String target,
			@RequestParam(required = false) @Nullable Instant from,
			@RequestParam(required = false) @Nullable Instant to,
			@RequestParam(required = false) @Nullable String cursor, @RequestParam(defaultValue = "50") int limit) {
		Cursors.Position after = (cursor != null) ? Cursors.decode(cursor) : null;
		AuditQuery query = new AuditQuery(actor, action, target, from, to, after);
		return this.audit.find(query, Cursors.limit(limit));
	}

	/** Reads the whole chain; an admin's occasional check, not a hot path. */
	@GetMapping("/api/admin/audit/verify")
	Mono<AuditVerification> verify() {
		return this.audit.verify();
	}

}
