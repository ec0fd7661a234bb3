package com.xorstack.feedback.triage;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.UUID;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Service;
import org.springframework.transaction.reactive.TransactionalOperator;

import com.xorstack.feedback.submission.Feedback;
import com.xorstack.platform.events.EventTypes;
import com.xorstack.platform.events.Topics;
import com.xorstack.platform.outbox.Outbox;
import com.xorstack.platform.web.Cursors;
import com.xorstack.platform.web.Page;

@Service
class TriageService {

	private final TriageRepository feedback;

	private final StatsRepository stats;

	private final Outbox outbox;

	private final TransactionalOperator transactions;

	private final Clock clock = Clock.systemUTC();

	TriageService(TriageRepository feedback, StatsRepository stats, Outbox outbox, TransactionalOperator transactions) {
		this.feedback = feedback;
		this.stats = stats;
		this.outbox = outbox;
		this.transactions = transactions;
	}

	Mono<Page<Feedback>> list(FeedbackFilter filter, @Nullable String cursor, int limit) {
		Cursors.Position after = (cursor != null) ? Cursors.decode(cursor) : null;
		int pageSize = Cursors.limit(limit);
		return this.feedback.find(filter, after, pageSize + 1)
			.collectList()
			.map((rows) -> Page.of(rows, pageSize, (last) -> Cursors.encode(last.createdAt(), last.id())));
	}

	Mono<Feedback> find(UUID id) {
		return this.feedback.findById(id).switchIfEmpty(Mono.error(TriageProblems::notFound));
	}

	/**
	 * Changes the feedback if it is still at {@code expectedVersion}, and records the
	 * change, its event and its audit event in one transaction.
	 */
	Mono<Feedback> triage(String actor, UUID id, long expectedVersion, TriageRequest request) {
		Mono<Feedback> change = this.feedback.lockById(id)
			.switchIfEmpty(Mono.error(TriageProblems::notFound))
			.map((current) -> Triage.of(current, expectedVersion, request, actor, this.clock.instant()))
			.flatMap(this::store);
		return this.transactions.transactional(change);
	}

	Mono<FeedbackStats> stats() {
		Mono<Optional<OffsetDateTime>> oldest = this.stats.oldestPending();
		return this.stats.counts()
			.collectList()
			.zipWith(oldest)
			.map((found) -> FeedbackStats.of(found.getT1(), found.getT2().orElse(null), this.clock.instant()));
	}

	private Mono<Feedback> store(Triage triage) {
		String id = triage.after().id().toString();
		return this.feedback.update(triage.after())
			.then(this.feedback.recordHistory(triage))
			.then(this.outbox.append(Topics.FEEDBACK_EVENTS, id, EventTypes.FEEDBACK_TRIAGED,
					FeedbackTriaged.of(triage)))
			.then(this.outbox.append(Topics.AUDIT_EVENTS, AuditRecorded.target(triage), EventTypes.AUDIT_RECORDED,
					AuditRecorded.of(triage)))
			.thenReturn(triage.after());
	}

}
