package com.xorstack.devstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * How a test JVM asks the build's {@link SharedStackServer} to do what only the owner of
 * a process can: stop and start Kafka for the tests of an outage. One line per request on
 * loopback, {@code <token> <command>}, answered with {@code ok} or {@code error <why>};
 * the token comes from the owner-only state file, so other users of the machine cannot
 * stop the broker.
 */
final class SharedStackControl {

	static final String STOP_KAFKA = "stop-kafka";

	static final String START_KAFKA = "start-kafka";

	/** Kafka's restart waits for its port, which takes up to a minute and a half. */
	private static final Duration ANSWER_TIMEOUT = Duration.ofMinutes(3);

	private SharedStackControl() {
	}

	/** Answers requests on {@code socket} until it is closed, one at a time. */
	static Thread serve(ServerSocket socket, String token, Consumer<String> commands) {
		return Thread.ofPlatform().daemon().name("shared-stack-control").start(() -> {
			while (!socket.isClosed()) {
				try (Socket client = socket.accept()) {
					answer(client, token, commands);
				}
				catch (IOException ex) {
					// closed while waiting, or a client that went away: nothing to answer
				}
			}
		});
	}

	private static void answer(Socket client, String token, Consumer<String> commands) throws IOException {
		String line = new BufferedReader(new InputStreamReader(client.getInputStream(), StandardCharsets.UTF_8))
			.readLine();
		String answer;
		if (line == null || !line.startsWith(token + " ")) {
			answer = "error not signed in";
		}
		else {
			try {
				commands.accept(line.substring(token.length() + 1).strip());
				answer = "ok";
			}
			catch (RuntimeException ex) {
				answer = "error " + ex.getMessage();
			}
		}
		OutputStream out = client.getOutputStream();
		out.write((answer + "\n").getBytes(StandardCharsets.UTF_8));
		out.flush();
	}

	/** The test JVM's side. */
	record Client(int port, String token) {

		void send(String command) {
			try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
				socket.setSoTimeout((int) ANSWER_TIMEOUT.toMillis());
				socket.getOutputStream().write((this.token + " " + command + "\n").getBytes(StandardCharsets.UTF_8));
				socket.getOutputStream().flush();
				String answer = new BufferedReader(
						new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))
					.readLine();
				if (!"ok".equals(answer)) {
					throw new DevStackException("The build's shared stack did not " + command + ": " + answer);
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException("The build's shared stack did not answer " + command, ex);
			}
		}

		@Override
		public String toString() {
			return "Client[port=" + this.port + "]";
		}

	}

}
