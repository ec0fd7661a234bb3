package com.xorstack.gateway.edge;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.xorstack.gateway.StandInServer;
import com.xorstack.gateway.StandInServices;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connections that send nothing are closed, on a raw socket: one that never sends a
 * request, and one that declares a body over the limit, gets its early 413 and then never
 * sends the body (without the read time limit it would hold the connection for ever). The
 * limits are one second here; a connection not closed within ten counts as held.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "xorstack.gateway.rate-limit.redis-enabled=false", "management.server.port=0",
				"xorstack.gateway.edge.max-request-body=1KB", "xorstack.gateway.edge.idle-timeout=1s",
				"xorstack.gateway.edge.read-timeout=1s" })
class ConnectionTimeoutsIntegrationTests {

	private static final int HELD_MILLIS = 10_000;

	@RegisterExtension
	static final StandInServer downstream = StandInServer.of(StandInServices.answeringEmptyJson());

	@Value("${local.server.port}")
	int port;

	@DynamicPropertySource
	static void infrastructure(DynamicPropertyRegistry registry) {
		StandInServices.register(registry, downstream.port());
	}

	@Test
	void aConnectionThatNeverSendsARequestIsClosed() throws IOException {
		assertThat(sendThenReadUntilClosed("")).isEmpty();
	}

	@Test
	void aDeclaredBodyThatNeverComesIsAnsweredThenTheConnectionClosed() throws IOException {
		assertThat(sendThenReadUntilClosed("POST /api/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\n"
				+ "Content-Type: application/json\r\nContent-Length: 10000000\r\n\r\n"))
			.startsWith("HTTP/1.1 413 ");
	}

	@Test
	void aBodyThatArrivesInTimeStillPasses() throws IOException {
		// anonymous: refused by security, after the body was taken in full
		assertThat(sendThenReadUntilClosed("POST /api/ai-logs HTTP/1.1\r\nHost: 127.0.0.1\r\n"
				+ "Content-Type: application/json\r\nContent-Length: 2\r\nConnection: close\r\n\r\n{}"))
			.startsWith("HTTP/1.1 401 ");
	}

	/**
	 * Sends the bytes (if any) on a new connection and answers all the server sends back.
	 */
	private String sendThenReadUntilClosed(String request) throws IOException {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(HELD_MILLIS);
			if (!request.isEmpty()) {
				socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
				socket.getOutputStream().flush();
			}
			return readUntilClosed(socket.getInputStream());
		}
	}

	/** All the server sends until it closes; fails if it keeps the connection open. */
	private static String readUntilClosed(InputStream in) throws IOException {
		ByteArrayOutputStream received = new ByteArrayOutputStream();
		byte[] buffer = new byte[4096];
		try {
			for (int read = in.read(buffer); read != -1; read = in.read(buffer)) {
				received.write(buffer, 0, read);
			}
		}
		catch (SocketTimeoutException ex) {
			throw new AssertionError("The gateway still held the connection after " + HELD_MILLIS + " ms, having sent: "
					+ received.toString(StandardCharsets.US_ASCII), ex);
		}
		return received.toString(StandardCharsets.US_ASCII);
	}

}
