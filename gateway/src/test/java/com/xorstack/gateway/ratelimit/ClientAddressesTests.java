package com.xorstack.gateway.ratelimit;

import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

class ClientAddressesTests {

	private final ClientAddresses behindProxies = new ClientAddresses(List.of("10.0.0.0/8", "192.168.1.7"));

	@Test
	void forwardedForFromAnUntrustedPeerDoesNotChangeTheAddress() {
		assertThat(this.behindProxies.of(request("203.0.113.9", "6.6.6.6"))).isEqualTo("203.0.113.9");
		assertThat(new ClientAddresses(List.of()).of(request("10.1.2.3", "6.6.6.6"))).isEqualTo("10.1.2.3");
	}

	@Test
	void trustedProxyNamesItsClient() {
		assertThat(this.behindProxies.of(request("10.1.2.3", "198.51.100.4"))).isEqualTo("198.51.100.4");
	}

	@Test
	void whatTheClientWroteLeftOfTheTrustedHopsIsIgnored() {
		// the client sent "X-Forwarded-For: 6.6.6.6"; each trusted proxy appended its
		// peer
		assertThat(this.behindProxies.of(request("10.1.2.3", "6.6.6.6, 198.51.100.4, 192.168.1.7")))
			.isEqualTo("198.51.100.4");
	}

	@Test
	void garbageIsNeverAProxyAndTrustedHopsAloneNameTheFirst() {
		assertThat(this.behindProxies.of(request("10.1.2.3", "6.6.6.6, unknown"))).isEqualTo("unknown");
		assertThat(this.behindProxies.of(request("10.1.2.3", "10.9.9.9"))).isEqualTo("10.9.9.9");
	}

	@Test
	void ipv6RangesAndHostNamesAreTold() {
		ClientAddresses addresses = new ClientAddresses(List.of("fd00::/8"));
		assertThat(addresses.of(request("fd00::1", "2001:db8::7"))).isEqualTo("2001:db8::7");
		assertThat(addresses.of(request("fd00::1", "fd12::3, cafe"))).isEqualTo("cafe");
	}

	private static MockServerHttpRequest request(String peer, String forwardedFor) {
		return MockServerHttpRequest.get("/admin/")
			.remoteAddress(new InetSocketAddress(peer, 40000))
			.header("X-Forwarded-For", forwardedFor)
			.build();
	}

}
