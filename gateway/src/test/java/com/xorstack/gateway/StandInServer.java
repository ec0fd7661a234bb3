package com.xorstack.gateway;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import reactor.netty.DisposableServer;

/**
 * A stand-in service of a test class, disposed after the class's last test: register it
 * as a static {@code @RegisterExtension} field and point routes at {@link #port()}.
 */
public final class StandInServer implements AfterAllCallback {

	private final DisposableServer server;

	private StandInServer(DisposableServer server) {
		this.server = server;
	}

	public static StandInServer of(DisposableServer server) {
		return new StandInServer(server);
	}

	public int port() {
		return this.server.port();
	}

	@Override
	public void afterAll(ExtensionContext context) {
		this.server.disposeNow();
	}

}
