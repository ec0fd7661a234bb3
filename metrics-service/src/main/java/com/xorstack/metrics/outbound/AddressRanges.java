package com.xorstack.metrics.outbound;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The addresses no admin-given URL may reach by default, and IPv6 forms that embed an
 * IPv4 address (mapped, compatible, NAT64, 6to4) taken as that IPv4 address, so that
 * {@code [::ffff:169.254.169.254]} is refused like {@code 169.254.169.254}.
 */
final class AddressRanges {

	private static final Map<Cidr, String> REFUSED = Map.ofEntries(
			Map.entry(Cidr.of("0.0.0.0/8"), "an unspecified address"),
			Map.entry(Cidr.of("10.0.0.0/8"), "a private address"),
			Map.entry(Cidr.of("100.64.0.0/10"), "a shared (carrier-grade NAT) address"),
			Map.entry(Cidr.of("127.0.0.0/8"), "a loopback address"),
			Map.entry(Cidr.of("169.254.0.0/16"), "a link-local address"),
			Map.entry(Cidr.of("172.16.0.0/12"), "a private address"),
			Map.entry(Cidr.of("192.0.0.0/24"), "an IETF protocol address"),
			Map.entry(Cidr.of("192.168.0.0/16"), "a private address"),
			Map.entry(Cidr.of("198.18.0.0/15"), "a benchmarking address"),
			Map.entry(Cidr.of("224.0.0.0/4"), "a multicast address"),
			Map.entry(Cidr.of("240.0.0.0/4"), "a reserved address"),
			Map.entry(Cidr.of("::/128"), "an unspecified address"), Map.entry(Cidr.of("::1/128"), "a loopback address"),
			Map.entry(Cidr.of("fc00::/7"), "a unique local (private) address"),
			Map.entry(Cidr.of("fe80::/10"), "a link-local address"),
			Map.entry(Cidr.of("fec0::/10"), "a site-local address"),
			Map.entry(Cidr.of("ff00::/8"), "a multicast address"));

	private static final byte[] NAT64 = { 0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0 };

	private AddressRanges() {
	}

	/** Why {@code address} is refused, or null when it is a public address. */
	static @Nullable String refusal(InetAddress address) {
		InetAddress canonical = canonical(address);
		for (Map.Entry<Cidr, String> range : REFUSED.entrySet()) {
			if (range.getKey().contains(canonical)) {
				return range.getValue();
			}
		}
		// what the JDK knows beyond the table
		if (canonical.isAnyLocalAddress() || canonical.isLoopbackAddress()) {
			return "a loopback address";
		}
		if (canonical.isLinkLocalAddress() || canonical.isSiteLocalAddress()) {
			return "a private address";
		}
		return canonical.isMulticastAddress() ? "a multicast address" : null;
	}

	/** The IPv4 address an IPv6 address embeds, else the address itself. */
	static InetAddress canonical(InetAddress address) {
		if (!(address instanceof Inet6Address)) {
			return address;
		}
		byte[] bytes = address.getAddress();
		boolean zeros = Arrays.equals(bytes, 0, 10, new byte[10], 0, 10);
		byte[] v4 = null;
		if (zeros && bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff) {
			v4 = Arrays.copyOfRange(bytes, 12, 16);
		}
		else if (zeros && bytes[10] == 0 && bytes[11] == 0 && (bytes[12] | bytes[13]) != 0) {
			// IPv4-compatible ::a.b.c.d (not :: or ::1)
			v4 = Arrays.copyOfRange(bytes, 12, 16);
		}
		else if (Arrays.equals(bytes, 0, 12, NAT64, 0, 12)) {
			v4 = Arrays.copyOfRange(bytes, 12, 16);
		}
		else if (bytes[0] == 0x20 && bytes[1] == 0x02) {
			// 6to4
			v4 = Arrays.copyOfRange(bytes, 2, 6);
		}
		if (v4 == null) {
			return address;
		}
		try {
			return InetAddress.getByAddress(v4);
		}
		catch (UnknownHostException ex) {
			return address;
		}
	}

}
