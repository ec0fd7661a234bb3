package com.xorstack.platform.web;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.channel.EventLoop;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.netty.Connection;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Writes an answer that is ready within the call in which Reactor Netty dispatched its
 * request one event-loop task later, after that call returned.
 * <p>
 * Reactor Netty (1.3.6 to 1.3.8 at least, reactor-netty#4361) stops reading an HTTP/1.1
 * keep-alive connection when a request that arrived while the previous one was still
 * finishing is answered within the call that dispatched it: a refused token, a missing
 * CSRF token, a 405. The next request on that connection is never read, and its client
 * waits until it gives up. An answer committed one task later takes the path that resumes
 * reading. Answers that are ready only later (a database read, a proxied call) are
 * written as they come, at no cost; an immediate one costs one task on the same thread.
 * {@code xorstack.web.event-loop-hand-off.enabled=false} turns it off, for a Reactor
 * Netty with the fix.
 */
final class EventLoopHandOffWebFilter implements WebFilter, Ordered {

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		Object request = ServerHttpRequestDecorator.getNativeRequest(exchange.getRequest());
		if (!(request instanceof Connection connection)) {
			return chain.filter(exchange);
		}
		return new Dispatch(chain.filter(exchange), exchange.getResponse(), connection.channel().eventLoop());
	}

	/**
	 * The exchange's handling, with its response's commit put off to the next task of the
	 * event loop when it comes while the handling is still being subscribed to, that is
	 * within the dispatching call.
	 */
	private static final class Dispatch extends Mono<Void> {

		private final Mono<Void> handling;

		private final ServerHttpResponse response;

		private final EventLoop loop;

		Dispatch(Mono<Void> handling, ServerHttpResponse response, EventLoop loop) {
			this.handling = handling;
			this.response = response;
			this.loop = loop;
		}

		@Override
		public void subscribe(CoreSubscriber<? super Void> actual) {
			AtomicBoolean dispatching = new AtomicBoolean(true);
			this.response.beforeCommit(() -> dispatching.get() ? nextTask() : Mono.empty());
			try {
				this.handling.subscribe(actual);
			}
			finally {
				dispatching.set(false);
			}
		}

		private Mono<Void> nextTask() {
			return Mono.create((sink) -> {
				try {
					this.loop.execute(sink::success);
				}
				catch (RejectedExecutionException ex) {
					// the loop is shutting down with the server: answer at once
					sink.success();
				}
			});
		}

	}

}
