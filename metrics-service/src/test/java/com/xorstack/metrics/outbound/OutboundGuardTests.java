package com.xorstack.metrics.outbound;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.resolver.AddressResolver;
import io.netty.util.concurrent.ImmediateEventExecutor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class OutboundGuardTests {

	private static final OutboundGuard.Dns NO_DNS = (host) -> {
		throw new UnknownHostException(host);
	};

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "127.1.2.3", "169.254.169.254", "10.0.0.1", "172.16.5.4", "172.31.255.255",
			"192.168.0.1", "100.64.0.1", "100.127.255.254", "0.0.0.0", "0.1.2.3", "224.0.0.1", "255.255.255.255",
			"[::1]", "::", "[fe80::1]", "[fc00::1]", "[fd12:3456::1]", "[ff02::1]", "[::ffff:127.0.0.1]",
			"[::ffff:169.254.169.254]", "[::ffff:a9fe:a9fe]", "[::ffff:10.0.0.1]", "[::127.0.0.1]",
			"[64:ff9b::a9fe:a9fe]", "[2002:7f00:1::]" })
	void refusesNonPublicAddresses(String host) {
		OutboundGuard guard = new OutboundGuard(List.of(), NO_DNS);

		assertThatExceptionOfType(RefusedAddressException.class).isThrownBy(() -> guard.resolve(host))
			.withMessageStartingWith("refused by the outbound guard: " + host);
	}

	@ParameterizedTest
	@ValueSource(strings = { "93.184.215.14", "172.32.0.1", "100.128.0.1", "8.8.8.8", "[2606:4700::1111]" })
	void letsPublicAddressesThrough(String host) throws Exception {
		OutboundGuard guard = new OutboundGuard(List.of(), NO_DNS);

		assertThat(guard.resolve(host).getAddress()).isEqualTo(InetAddress.getByName(host).getAddress());
	}

	@Test
	void refusesAHostNameThatResolvesToLoopback() {
		// the machine's own resolver: localhost is 127.0.0.1 (and perhaps ::1)
		OutboundGuard guard = new OutboundGuard(List.of(), OutboundGuard.SYSTEM_DNS);

		assertThatExceptionOfType(RefusedAddressException.class).isThrownBy(() -> guard.resolve("localhost"))
			.withMessageContaining("loopback");
		assertThatExceptionOfType(RefusedAddressException.class).isThrownBy(() -> guard.resolve("LocalHost."));
		// 127.0.0.1 as one decimal number: not a literal to Netty, the JDK reads it as
		// one
		assertThatExceptionOfType(RefusedAddressException.class).isThrownBy(() -> guard.resolve("2130706433"));
	}

	@Test
	void refusesAHostWhenAnyOfItsAddressesIsRefused() {
		OutboundGuard guard = new OutboundGuard(List.of(),
				(host) -> new InetAddress[] { address("93.184.215.14"), address("127.0.0.1") });

		assertThatExceptionOfType(RefusedAddressException.class).isThrownBy(() -> guard.resolve("mixed.example"))
			.withMessageContaining("127.0.0.1");
	}

	@Test
	void theAllowListNamesAddressesRangesAndHosts() throws Exception {
		OutboundGuard guard = new OutboundGuard(List.of(" 127.0.0.1", "10.20.0.0/16", "Hooks.Internal", "[::1]", ""),
				(host) -> new InetAddress[] { address("192.168.7.7") });

		assertThat(guard.resolve("127.0.0.1").getHostAddress()).isEqualTo("127.0.0.1");
		assertThat(guard.resolve("[::1]").getHostAddress()).isEqualTo("0:0:0:0:0:0:0:1");
		assertThat(guard.resolve("10.20.3.4").getHostAddress()).isEqualTo("10.20.3.4");
		assertThat(guard.resolve("hooks.internal").getHostAddress()).isEqualTo("192.168.7.7");
		assertThatExceptionOfType(RefusedAddressException.class).isThrownBy(() -> guard.resolve("127.0.0.2"));
		assertThatExceptionOfType(RefusedAddressException.class).isThrownBy(() -> guard.resolve("10.21.0.1"));
		assertThatExceptionOfType(RefusedAddressException.class).isThrownBy(() -> guard.resolve("other.internal"));
	}

	@Test
	void anUnresolvableHostIsUnknownNotRefused() {
		OutboundGuard guard = new OutboundGuard(List.of(), NO_DNS);

		assertThatExceptionOfType(UnknownHostException.class).isThrownBy(() -> guard.resolve("nowhere.invalid"))
			.isNotInstanceOf(RefusedAddressException.class);
	}

	@Test
	void theConnectionGoesToTheAddressCheckedNotToALaterAnswer() throws Exception {
		// a rebinding name: public at the first lookup, loopback at every later one
		Deque<InetAddress> answers = new ArrayDeque<>(List.of(address("93.184.215.14"), address("127.0.0.1")));
		AtomicInteger lookups = new AtomicInteger();
		OutboundGuard guard = new OutboundGuard(List.of(), (host) -> {
			lookups.incrementAndGet();
			return new InetAddress[] { (answers.size() > 1) ? answers.poll() : answers.peek() };
		});
		AddressResolver<InetSocketAddress> resolver = new GuardedResolverGroup(guard)
			.getResolver(ImmediateEventExecutor.INSTANCE);

		InetSocketAddress first = resolver.resolve(InetSocketAddress.createUnresolved("rebind.example", 443))
			.get(10, TimeUnit.SECONDS);

		assertThat(first.getAddress().getHostAddress()).isEqualTo("93.184.215.14");
		assertThat(first.getHostString()).isEqualTo("rebind.example");
		assertThat(first.getPort()).isEqualTo(443);
		assertThat(lookups).hasValue(1);
		// the next connection looks up again, and the loopback answer is refused
		assertThatExceptionOfType(ExecutionException.class)
			.isThrownBy(() -> resolver.resolve(InetSocketAddress.createUnresolved("rebind.example", 443))
				.get(10, TimeUnit.SECONDS))
			.withCauseInstanceOf(RefusedAddressException.class);
	}

	@Test
	void resolvingAllAnswersTheOneAddressChecked() throws Exception {
		OutboundGuard guard = new OutboundGuard(List.of(),
				(host) -> new InetAddress[] { address("93.184.215.14"), address("93.184.215.15") });
		AddressResolver<InetSocketAddress> resolver = new GuardedResolverGroup(guard)
			.getResolver(ImmediateEventExecutor.INSTANCE);

		List<InetSocketAddress> all = resolver.resolveAll(InetSocketAddress.createUnresolved("two.example", 80))
			.get(10, TimeUnit.SECONDS);

		assertThat(all).extracting((address) -> address.getAddress().getHostAddress()).containsExactly("93.184.215.14");
	}

	private static InetAddress address(String text) {
		try {
			return InetAddress.getByName(text);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
