package com.xorstack.platform.web;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.netty.Connection;

import org.springframework.core.Ordered;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Handles each exchange in a task of its own on its connection's event loop, never inside
 * the call in which Reactor Netty dispatched it.
 * <p>
 * Reactor Netty (1.3.6 to 1.3.8 at least, reactor-netty#4361) stops reading an HTTP/1.1
 * keep-alive connection when a request that arrived while the previous one was still
 * finishing is answered within the call that dispatched it: a refused token, a missing
 * CSRF token, a 405. The next request on that connection is never read, and its client
 * waits until it gives up. An exchange handled one event-loop task later is answered
 * after that call returned, and reading resumes. The cost is one task on the same thread
 * per request. {@code xorstack.web.event-loop-hand-off.enabled=false} turns it off, for a
 * Reactor Netty with the fix.
 */
final class EventLoopHandOffWebFilter implements WebFilter, Ordered {

	private final Map<ExecutorService, Scheduler> loops = new ConcurrentHashMap<>();

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
		Scheduler loop = this.loops.computeIfAbsent(connection.channel().eventLoop(),
				(executor) -> Schedulers.fromExecutorService(executor, "event-loop"));
		return Mono.defer(() -> chain.filter(exchange)).subscribeOn(loop);
	}

}
