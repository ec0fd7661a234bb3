package com.xorstack.devstack;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PortsTests {

	/**
	 * A port handed out for a server that binds it later is outside the kernel's
	 * ephemeral range, so no bind to port 0 meanwhile can take it.
	 */
	@Test
	void handsOutFreePortsOutsideTheEphemeralRange() {
		Set<Integer> ports = new HashSet<>();
		for (int i = 0; i < 50; i++) {
			int port = Ports.free();
			assertThat(port).isBetween(20000, 32767);
			assertThat(Ports.isFree(port)).isTrue();
			assertThat(ports.add(port)).as("handed out twice: %d", port).isTrue();
		}
	}

}
