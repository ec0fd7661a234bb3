package com.xorstack.devstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Port choice and checks on loopback. A busy port is reported before anything starts,
 * with the variable that moves it, rather than as a bind error deep in a child's log.
 */
final class Ports {

	private static final Set<Integer> HANDED_OUT = new HashSet<>();

	private Ports() {
	}

	/**
	 * The port to use: a free one for {@code 0}, else {@code port} if nothing listens
	 * there.
	 * @param what the part that wants the port, for the message
	 * @param variable the environment variable that sets it
	 */
	static int claim(int port, String what, String variable) {
		if (port == 0) {
			return free();
		}
		if (!isFree(port)) {
			throw new DevStackException(
					"Port " + port + " (" + what + ") is already in use: stop what listens there, or set " + variable
							+ " to another port (0 picks a free one)");
		}
		return port;
	}

	/**
	 * Below Linux's default ephemeral range (32768-60999): the kernel never hands these
	 * out for a {@code bind} to port 0 or an outgoing connection.
	 */
	private static final int LOWEST = 20000;

	private static final int HIGHEST = 32000;

	/**
	 * A port nothing listens on now, that this process has not handed out before, and
	 * that the kernel would not give to anyone asking for any free port. A server given
	 * it here binds it only seconds later (Keycloak after 10 s and more); a port of the
	 * ephemeral range could meanwhile go to a test's stand-in server or another process's
	 * client, whose answers the readiness probe would then read (seen: a Keycloak probe
	 * answered by a stand-in, and a Keycloak that could not bind).
	 */
	static synchronized int free() {
		for (int attempt = 0; attempt < 1000; attempt++) {
			int port = ThreadLocalRandom.current().nextInt(LOWEST, HIGHEST);
			if (!HANDED_OUT.contains(port) && isFree(port)) {
				HANDED_OUT.add(port);
				return port;
			}
		}
		throw new DevStackException(
				"No free port on loopback between " + LOWEST + " and " + HIGHEST + " that was not handed out already");
	}

	static boolean isFree(int port) {
		// Java sets SO_REUSEADDR, as the servers do: a port in TIME_WAIT after the last
		// run counts as free, one that a process listens on (any address) does not
		try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	static boolean isOpen(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), 500);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
