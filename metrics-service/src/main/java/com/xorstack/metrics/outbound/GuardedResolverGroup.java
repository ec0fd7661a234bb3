package com.xorstack.metrics.outbound;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import reactor.core.scheduler.Schedulers;

/**
 * Netty's resolution of a connection's host through the guard: the one address the guard
 * checked is the one address Netty connects to, so a DNS answer that changes between
 * check and connection (rebinding) cannot move the request. Lookups block, so they run on
 * the bounded elastic scheduler, never on the event loop.
 */
final class GuardedResolverGroup extends AddressResolverGroup<InetSocketAddress> {

	private final OutboundGuard guard;

	GuardedResolverGroup(OutboundGuard guard) {
		this.guard = guard;
	}

	@Override
	protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
		return new GuardedNameResolver(executor, this.guard).asAddressResolver();
	}

	private static final class GuardedNameResolver extends InetNameResolver {

		private final OutboundGuard guard;

		GuardedNameResolver(EventExecutor executor, OutboundGuard guard) {
			super(executor);
			this.guard = guard;
		}

		@Override
		protected void doResolve(String host, Promise<InetAddress> promise) {
			Schedulers.boundedElastic().schedule(() -> {
				try {
					promise.trySuccess(this.guard.resolve(host));
				}
				catch (Exception ex) {
					promise.tryFailure(ex);
				}
			});
		}

		@Override
		protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
			Schedulers.boundedElastic().schedule(() -> {
				try {
					promise.trySuccess(List.of(this.guard.resolve(host)));
				}
				catch (Exception ex) {
					promise.tryFailure(ex);
				}
			});
		}

	}

}
