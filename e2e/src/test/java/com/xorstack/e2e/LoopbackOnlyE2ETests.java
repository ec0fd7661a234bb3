package com.xorstack.e2e;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import com.xorstack.devstack.Service;
import com.xorstack.devstack.ServiceProcess;
import com.xorstack.devstack.Suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A local suite answers this machine alone: every service's API and management ports,
 * Kafka, Keycloak and Zipkin listen on 127.0.0.1, not on the machine's other addresses.
 */
class LoopbackOnlyE2ETests {

	@Test
	void nothingListensOnTheMachinesOtherAddresses() throws Exception {
		Optional<InetAddress> other = otherAddress();
		assumeTrue(other.isPresent(), "this machine has no address but loopback");
		Suite suite = E2eSuite.get();
		List<Integer> ports = new ArrayList<>();
		for (Service service : Service.values()) {
			ServiceProcess process = suite.service(service);
			ports.add(process.port());
			ports.add(URI.create(process.managementUrl()).getPort());
		}
		ports.add(URI.create(suite.devStack().keycloakUrl()).getPort());
		ports.add(Integer.parseInt(suite.devStack().kafkaBootstrapServers().replaceFirst(".*:", "")));
		ports.add(URI.create(suite.traceServerUrl()).getPort());
		for (int port : ports) {
			assertThat(connects(InetAddress.getLoopbackAddress(), port)).as("127.0.0.1:%d", port).isTrue();
			assertThat(connects(other.get(), port)).as("%s:%d", other.get().getHostAddress(), port).isFalse();
		}
	}

	private static Optional<InetAddress> otherAddress() throws SocketException {
		return NetworkInterface.networkInterfaces().filter((network) -> {
			try {
				return network.isUp() && !network.isLoopback();
			}
			catch (SocketException ex) {
				return false;
			}
		})
			.flatMap(NetworkInterface::inetAddresses)
			.filter((address) -> address instanceof Inet4Address && !address.isLoopbackAddress())
			.findFirst();
	}

	private static boolean connects(InetAddress address, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(address, port), 2000);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
