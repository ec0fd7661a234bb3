package com.xorstack.gateway.console;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

import org.springframework.data.redis.serializer.SerializationException;
import org.springframework.session.ReactiveSessionRepository;
import org.springframework.session.Session;

/**
 * Sessions in Redis that cannot be read (sealed with a key the gateway no longer has,
 * tampered with, or of classes an upgrade changed) count as absent, and are deleted: the
 * browser is signed out and signs in again, rather than meeting a 500.
 */
final class UnreadableSessionsAbsent<S extends Session> implements ReactiveSessionRepository<S> {

	private static final Logger logger = LoggerFactory.getLogger(UnreadableSessionsAbsent.class);

	private final ReactiveSessionRepository<S> sessions;

	UnreadableSessionsAbsent(ReactiveSessionRepository<S> sessions) {
		this.sessions = sessions;
	}

	@Override
	public Mono<S> createSession() {
		return this.sessions.createSession();
	}

	@Override
	public Mono<Void> save(S session) {
		return this.sessions.save(session);
	}

	@Override
	public Mono<S> findById(String id) {
		return this.sessions.findById(id).onErrorResume(SerializationException.class, (ex) -> absent(id, ex));
	}

	@Override
	public Mono<Void> deleteById(String id) {
		return this.sessions.deleteById(id);
	}

	private Mono<S> absent(String id, SerializationException ex) {
		// the id is a bearer secret: not logged
		logger.warn("A console session in Redis cannot be read and is dropped: {}", ex.getMessage());
		return this.sessions.deleteById(id).then(Mono.empty());
	}

}
