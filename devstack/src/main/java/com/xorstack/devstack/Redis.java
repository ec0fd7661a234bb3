package com.xorstack.devstack;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Whether a Redis answers at host:port. Nothing is started: the gateway keeps its rate
 * limits in Redis when there is one and in process otherwise, and only needs to be told
 * which.
 */
record Redis(String host, int port, boolean available) {

	private static final int TIMEOUT_MILLIS = 1000;

	static Redis probe(String host, int port) {
		return new Redis(host, port, answersPing(host, port));
	}

	/**
	 * RESP: an inline PING is answered with {@code +PONG}, or with {@code -NOAUTH} behind
	 * a password.
	 */
	private static boolean answersPing(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
			socket.setSoTimeout(TIMEOUT_MILLIS);
			socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
			InputStream in = socket.getInputStream();
			byte[] reply = in.readNBytes(5);
			return "+PONG".equals(new String(reply, StandardCharsets.US_ASCII));
		}
		catch (IOException ex) {
			return false;
		}
	}

}
