package com.xorstack.gateway.ratelimit;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * An IPv4 or IPv6 address or CIDR range. Spring Security's {@code IpAddressMatcher} does
 * the same but drags in the Servlet API, which this reactive gateway does not have.
 */
record AddressRange(byte[] network, int prefixLength) {

	/** An IPv4 or IPv6 literal only: a host name would be looked up in DNS. */
	private static final Pattern LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}|[0-9a-fA-F]*:[0-9a-fA-F:.]*");

	static AddressRange parse(String range) {
		String[] parts = range.strip().split("/", 2);
		byte[] network = literal(parts[0]);
		if (network == null) {
			throw new IllegalArgumentException("Not an IP address or CIDR range: " + range);
		}
		int prefix = (parts.length == 2) ? Integer.parseInt(parts[1]) : network.length * 8;
		if (prefix < 0 || prefix > network.length * 8) {
			throw new IllegalArgumentException("Prefix length out of range: " + range);
		}
		return new AddressRange(network, prefix);
	}

	boolean contains(String address) {
		byte[] candidate = literal(address);
		if (candidate == null || candidate.length != this.network.length) {
			return false;
		}
		int shift = this.network.length * 8 - this.prefixLength;
		return new BigInteger(1, candidate).shiftRight(shift).equals(new BigInteger(1, this.network).shiftRight(shift));
	}

	private static byte @Nullable [] literal(String address) {
		String value = address.strip();
		if (value.isEmpty() || !LITERAL.matcher(value).matches()) {
			return null;
		}
		try {
			return InetAddress.getByName(value).getAddress();
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

}
