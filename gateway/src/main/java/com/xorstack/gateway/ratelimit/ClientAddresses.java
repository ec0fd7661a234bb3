package com.xorstack.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.util.List;

import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * The address a request comes from. {@code X-Forwarded-For} is believed only from a
 * configured trusted proxy, and then only up to the first hop that is not one: whatever a
 * client writes into the header itself sits to the left of that and is never read.
 */
final class ClientAddresses {

	private static final String UNKNOWN = "unknown";

	private final List<AddressRange> trustedProxies;

	ClientAddresses(List<String> trustedProxies) {
		this.trustedProxies = trustedProxies.stream().map(AddressRange::parse).toList();
	}

	String of(ServerHttpRequest request) {
		InetSocketAddress remote = request.getRemoteAddress();
		if (remote == null || remote.getAddress() == null) {
			return UNKNOWN;
		}
		String peer = remote.getAddress().getHostAddress();
		if (!isTrusted(peer)) {
			return peer;
		}
		String client = peer;
		List<String> forwarded = request.getHeaders().getValuesAsList("X-Forwarded-For");
		for (int i = forwarded.size() - 1; i >= 0; i--) {
			client = forwarded.get(i).strip();
			if (!isTrusted(client)) {
				break;
			}
		}
		// every hop a proxy of ours: the first of them is the caller (an internal one)
		return client;
	}

	private boolean isTrusted(String address) {
		return this.trustedProxies.stream().anyMatch((proxy) -> proxy.contains(address));
	}

}
