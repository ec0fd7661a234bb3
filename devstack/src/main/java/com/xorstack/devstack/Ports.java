package com.xorstack.devstack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;

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
	 * A port nothing listens on now and that this process has not handed out before: the
	 * socket that found it is closed at once, so without the second rule two parts of one
	 * suite could be given the same port, and one's readiness probe answered by the
	 * other.
	 */
	static synchronized int free() {
		for (int attempt = 0; attempt < 100; attempt++) {
			try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
				if (HANDED_OUT.add(socket.getLocalPort())) {
					return socket.getLocalPort();
				}
			}
			catch (IOException ex) {
				throw new DevStackException("No free port on loopback: " + ex.getMessage(), ex);
			}
		}
		throw new DevStackException("No free port on loopback that was not handed out already");
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
