package com.xorstack.metrics.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;

import io.netty.util.NetUtil;
import org.jspecify.annotations.Nullable;

/** An address range such as {@code 10.0.0.0/8}; a single address is a full-length one. */
record Cidr(byte[] network, int bits) {

	/** The range {@code text} names, or null when it is not an address (a host name). */
	static @Nullable Cidr parse(String text) {
		int slash = text.indexOf('/');
		InetAddress address = literal((slash < 0) ? text : text.substring(0, slash));
		if (address == null) {
			return null;
		}
		byte[] bytes = address.getAddress();
		int bits = (slash < 0) ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
		if (bits < 0 || bits > bytes.length * 8) {
			throw new IllegalArgumentException(text + " has a prefix length out of range");
		}
		return new Cidr(bytes, bits);
	}

	static Cidr of(String text) {
		Cidr cidr = parse(text);
		if (cidr == null) {
			throw new IllegalArgumentException(text + " is not an address range");
		}
		return cidr;
	}

	/**
	 * The address an IP literal (brackets allowed) stands for, IPv4-mapped IPv6 as IPv4;
	 * null for anything else, without any DNS lookup.
	 */
	static @Nullable InetAddress literal(String host) {
		String bare = (host.startsWith("[") && host.endsWith("]")) ? host.substring(1, host.length() - 1) : host;
		byte[] bytes = NetUtil.createByteArrayFromIpAddressString(bare);
		if (bytes == null) {
			return null;
		}
		try {
			return InetAddress.getByAddress(bytes);
		}
		catch (UnknownHostException ex) {
			return null;
		}
	}

	boolean contains(InetAddress address) {
		byte[] candidate = address.getAddress();
		if (candidate.length != this.network.length) {
			return false;
		}
		int full = this.bits / 8;
		for (int i = 0; i < full; i++) {
			if (candidate[i] != this.network[i]) {
				return false;
			}
		}
		int rest = this.bits % 8;
		if (rest == 0) {
			return true;
		}
		int mask = (0xff << (8 - rest)) & 0xff;
		return (candidate[full] & mask) == (this.network[full] & mask);
	}

}
