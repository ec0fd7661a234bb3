package com.xorstack.feedback.submission;

import java.time.Clock;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;
import org.springframework.web.server.ResponseStatusException;

import com.xorstack.platform.events.EventTypes;
import com.xorstack.platform.events.Topics;
import com.xorstack.platform.outbox.Outbox;
import com.xorstack.platform.web.Cursors;
import com.xorstack.platform.web.Page;

@Service
class FeedbackService {

	private final FeedbackRepository feedback;

	private final Outbox outbox;

	private final TransactionalOperator transactions;

	private final Clock clock;

	FeedbackService(FeedbackRepository feedback, Outbox outbox, TransactionalOperator transactions) {
		this.feedback = feedback;
		this.outbox = outbox;
		this.transactions = transactions;
		this.clock = Clock.systemUTC();
	}

	/** Stores the feedback and its event in one transaction. */
	Mono<Feedback> submit(String userId, SubmitFeedbackRequest request) {
		Feedback submitted = Feedback.submitted(userId, request, this.clock.instant());
		Mono<Feedback> stored = this.feedback.insert(submitted)
			.then(this.outbox.append(Topics.FEEDBACK_EVENTS, submitted.id().toString(), EventTypes.FEEDBACK_SUBMITTED,
					FeedbackSubmitted.of(submitted)))
			.thenReturn(submitted);
		return this.transactions.transactional(stored);
	}

	/** Someone else's feedback is not found, so that ids reveal nothing. */
	Mono<Feedback> findOwn(String userId, UUID id) {
		return this.feedback.findOwned(id, userId).switchIfEmpty(Mono.error(this::notFound));
	}

	Mono<Page<Feedback>> listOwn(String userId, @Nullable String cursor, int limit) {
		Cursors.Position after = (cursor != null) ? Cursors.decode(cursor) : null;
		int pageSize = Cursors.limit(limit);
		return this.feedback.findByOwner(userId, after, pageSize + 1)
			.collectList()
			.map((rows) -> Page.of(rows, pageSize, (last) -> Cursors.encode(last.createdAt(), last.id())));
	}

	private ResponseStatusException notFound() {
		return new ResponseStatusException(HttpStatus.NOT_FOUND, "No such feedback");
	}

}
