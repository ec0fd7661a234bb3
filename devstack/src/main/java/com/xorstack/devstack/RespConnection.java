package com.xorstack.devstack;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Just enough of the Redis protocol (RESP2) to probe a server and to test its access
 * rules without a client library: commands as arrays of bulk strings, replies as
 * {@code String} (simple and bulk), {@code Long}, {@code List} or {@link Error}, and
 * {@code null} for a nil reply.
 */
final class RespConnection implements AutoCloseable {

	private static final int TIMEOUT_MILLIS = 1000;

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private RespConnection(Socket socket) throws IOException {
		this.socket = socket;
		this.in = new BufferedInputStream(socket.getInputStream());
		this.out = socket.getOutputStream();
	}

	static RespConnection open(String host, int port) throws IOException {
		Socket socket = new Socket();
		try {
			socket.connect(new InetSocketAddress(host, port), TIMEOUT_MILLIS);
			socket.setSoTimeout(TIMEOUT_MILLIS);
			return new RespConnection(socket);
		}
		catch (IOException ex) {
			socket.close();
			throw ex;
		}
	}

	/** Sends one command and answers its reply; a Redis error is returned, not thrown. */
	@Nullable Object command(String... arguments) throws IOException {
		ByteArrayOutputStream request = new ByteArrayOutputStream();
		request.writeBytes(("*" + arguments.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
		for (String argument : arguments) {
			byte[] bytes = argument.getBytes(StandardCharsets.UTF_8);
			request.writeBytes(("$" + bytes.length + "\r\n").getBytes(StandardCharsets.US_ASCII));
			request.writeBytes(bytes);
			request.writeBytes("\r\n".getBytes(StandardCharsets.US_ASCII));
		}
		this.out.write(request.toByteArray());
		this.out.flush();
		return reply();
	}

	private @Nullable Object reply() throws IOException {
		String line = line();
		if (line.isEmpty()) {
			throw new IOException("Not a RESP reply: an empty line");
		}
		String rest = line.substring(1);
		return switch (line.charAt(0)) {
			case '+' -> rest;
			case '-' -> new Error(rest);
			case ':' -> Long.parseLong(rest);
			case '$' -> bulk(Integer.parseInt(rest));
			case '*' -> array(Integer.parseInt(rest));
			default -> throw new IOException("Not a RESP reply: " + line);
		};
	}

	private @Nullable String bulk(int length) throws IOException {
		if (length < 0) {
			return null;
		}
		byte[] bytes = this.in.readNBytes(length + 2);
		if (bytes.length < length + 2) {
			throw new EOFException("Connection closed in a reply");
		}
		return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
	}

	private @Nullable List<@Nullable Object> array(int length) throws IOException {
		if (length < 0) {
			return null;
		}
		List<@Nullable Object> items = new ArrayList<>(length);
		for (int i = 0; i < length; i++) {
			items.add(reply());
		}
		return items;
	}

	private String line() throws IOException {
		StringBuilder line = new StringBuilder();
		int previous = -1;
		for (int next = this.in.read(); next != -1; next = this.in.read()) {
			if (previous == '\r' && next == '\n') {
				line.setLength(line.length() - 1);
				return line.toString();
			}
			line.append((char) next);
			previous = next;
		}
		throw new EOFException("Connection closed before a reply");
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	/** An error reply, such as {@code NOAUTH Authentication required.} */
	record Error(String message) {

		/** The error's code: its first word, such as {@code NOAUTH} or {@code NOPERM}. */
		String code() {
			int space = this.message.indexOf(' ');
			return (space < 0) ? this.message : this.message.substring(0, space);
		}

	}

}
