package com.xorstack.feedback.submission;

import java.net.URI;
import java.util.UUID;

import jakarta.validation.Valid;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.xorstack.platform.web.Page;

@RestController
@RequestMapping("/api/feedback")
class FeedbackController {

	private final FeedbackService service;

	FeedbackController(FeedbackService service) {
		this.service = service;
	}

	@PostMapping
	Mono<ResponseEntity<OwnFeedback>> submit(@AuthenticationPrincipal Jwt user,
			@Valid @RequestBody SubmitFeedbackRequest request) {
		return this.service.submit(user.getSubject(), request)
			.map((feedback) -> ResponseEntity.created(URI.create("/api/feedback/" + feedback.id()))
				.body(OwnFeedback.of(feedback)));
	}

	@GetMapping
	Mono<Page<OwnFeedback>> listOwn(@AuthenticationPrincipal Jwt user,
			@RequestParam(required = false) @Nullable String cursor, @RequestParam(defaultValue = "50") int limit) {
		return this.service.listOwn(user.getSubject(), cursor, limit)
			.map((page) -> new Page<>(page.items().stream().map(OwnFeedback::of).toList(), page.nextCursor()));
	}

	@GetMapping("/{id}")
	Mono<OwnFeedback> findOwn(@AuthenticationPrincipal Jwt user, @PathVariable UUID id) {
		return this.service.findOwn(user.getSubject(), id).map(OwnFeedback::of);
	}

}
