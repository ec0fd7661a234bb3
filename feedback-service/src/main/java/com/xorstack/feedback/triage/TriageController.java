package com.xorstack.feedback.triage;

import java.util.UUID;

import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.xorstack.feedback.submission.Feedback;
import com.xorstack.platform.web.Page;

/**
 * Triage of all feedback; the role table lets only moderators and admins in.
 */
@RestController
@RequestMapping("/api/admin/feedback")
class TriageController {

	private final TriageService service;

	TriageController(TriageService service) {
		this.service = service;
	}

	@GetMapping
	Mono<Page<Feedback>> list(@RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String category,
			@RequestParam(required = false) @Nullable String priority,
			@RequestParam(required = false) @Nullable String q, @RequestParam(required = false) @Nullable String from,
			@RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String cursor, @RequestParam(defaultValue = "50") int limit) {
		FeedbackFilter filter = FeedbackFilter.parse(status, category, priority, q, from, to);
		return this.service.list(filter, cursor, limit);
	}

	@GetMapping("/stats")
	Mono<FeedbackStats> stats() {
		return this.service.stats();
	}

	@GetMapping("/{id}")
	Mono<ResponseEntity<Feedback>> find(@PathVariable UUID id) {
		return this.service.find(id).map(TriageController::withETag);
	}

	@PatchMapping("/{id}")
	Mono<ResponseEntity<Feedback>> triage(@AuthenticationPrincipal Jwt user, @PathVariable UUID id,
			@RequestHeader(name = "If-Match", required = false) @Nullable String ifMatch,
			@Valid @RequestBody TriageRequest request) {
		if (ifMatch == null || ifMatch.isBlank()) {
			return Mono.error(TriageProblems.ifMatchRequired());
		}
		if (request.isEmpty()) {
			return Mono.error(TriageProblems.emptyChange());
		}
		long version = version(ifMatch);
		return this.service.triage(user.getSubject(), id, version, request).map(TriageController::withETag);
	}

	static String etag(long version) {
		return "\"" + version + "\"";
	}

	private static ResponseEntity<Feedback> withETag(Feedback feedback) {
		return ResponseEntity.ok().eTag(etag(feedback.version())).body(feedback);
	}

	/**
	 * The version in a strong ETag; If-Match compares strongly, so a weak one is refused.
	 */
	private static long version(String ifMatch) {
		String value = ifMatch.strip();
		if (value.length() < 3 || !value.startsWith("\"") || !value.endsWith("\"")) {
			throw TriageProblems.ifMatchMalformed();
		}
		try {
			return Long.parseLong(value.substring(1, value.length() - 1));
		}
		catch (NumberFormatException ex) {
			throw TriageProblems.ifMatchMalformed();
		}
	}

}
