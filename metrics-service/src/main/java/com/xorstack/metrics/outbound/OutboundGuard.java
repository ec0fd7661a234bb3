package com.xorstack.metrics.outbound;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Decides which address a request to an admin-given host may go to: the host is resolved
 * once, every address it resolves to must be public (see {@link AddressRanges}) and not
 * one of this machine's own, unless the allow-list names the host, the address or a range
 * holding it; the answer is the one address to connect to. A host name on the allow-list
 * is trusted with whatever it resolves to.
 */
public final class OutboundGuard {

	/** How host names are looked up: the JDK's resolver, or a stub in tests. */
	@FunctionalInterface
	public interface Dns {

		InetAddress[] lookup(String host) throws UnknownHostException;

	}

	static final Dns SYSTEM_DNS = InetAddress::getAllByName;

	private final Set<String> allowedNames = new HashSet<>();

	private final List<Cidr> allowedRanges = new ArrayList<>();

	private final Set<InetAddress> ownAddresses;

	private final Dns dns;

	public OutboundGuard(List<String> allowed, Dns dns) {
		for (String entry : allowed) {
			String text = entry.strip().toLowerCase(Locale.ROOT);
			if (text.isEmpty()) {
				continue;
			}
			Cidr range = Cidr.parse(text);
			if (range != null) {
				this.allowedRanges.add(range);
			}
			else {
				this.allowedNames.add(name(text));
			}
		}
		this.dns = dns;
		this.ownAddresses = ownAddresses();
	}

	/**
	 * Resolves {@code host} (no lookup for an IP literal) and answers the address to
	 * connect to. Blocks on DNS: never call it on an event loop.
	 * @throws RefusedAddressException when the guard refuses any address of the host
	 * @throws UnknownHostException when the host does not resolve
	 */
	public InetAddress resolve(String host) throws UnknownHostException, RefusedAddressException {
		String name = name(host);
		InetAddress literal = Cidr.literal(name);
		InetAddress[] addresses = (literal != null) ? new InetAddress[] { literal } : this.dns.lookup(name);
		if (addresses.length == 0) {
			throw new UnknownHostException(host);
		}
		if (!this.allowedNames.contains(name)) {
			for (InetAddress address : addresses) {
				check(host, address);
			}
		}
		return InetAddress.getByAddress(name, addresses[0].getAddress());
	}

	/** {@link #resolve} of the URL's host, off the event loop. */
	public Mono<InetAddress> check(URI url) {
		String host = url.getHost();
		if (host == null) {
			return Mono.error(new UnknownHostException("no host in " + url));
		}
		return Mono.fromCallable(() -> resolve(host)).subscribeOn(Schedulers.boundedElastic());
	}

	/** Whether {@code host} is an IP literal, which {@link #resolve} needs no DNS for. */
	static boolean isLiteral(String host) {
		return Cidr.literal(name(host)) != null;
	}

	private void check(String host, InetAddress address) throws RefusedAddressException {
		InetAddress canonical = AddressRanges.canonical(address);
		if (this.allowedRanges.stream().anyMatch((range) -> range.contains(canonical))) {
			return;
		}
		String reason = AddressRanges.refusal(canonical);
		if (reason == null && this.ownAddresses.contains(canonical)) {
			reason = "an address of this host";
		}
		if (reason != null) {
			throw new RefusedAddressException(host, address, reason);
		}
	}

	private static String name(String host) {
		String name = host.toLowerCase(Locale.ROOT);
		name = (name.startsWith("[") && name.endsWith("]")) ? name.substring(1, name.length() - 1) : name;
		return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
	}

	/** This machine's own addresses: a public one is still the suite itself. */
	private static Set<InetAddress> ownAddresses() {
		Set<InetAddress> own = new HashSet<>();
		try {
			for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
				Collections.list(network.getInetAddresses())
					.forEach((address) -> own.add(AddressRanges.canonical(address)));
			}
		}
		catch (SocketException ex) {
			// the ranges still refuse loopback and private addresses
		}
		return Set.copyOf(own);
	}

}
