package com.xorstack.metrics.outbound;

import java.io.IOException;
import java.net.InetAddress;

import org.jspecify.annotations.Nullable;

/** A host the outbound guard does not let a request reach. */
public final class RefusedAddressException extends IOException {

	private final String reason;

	RefusedAddressException(String host, InetAddress address, String reason) {
		super("refused by the outbound guard: " + host + " is " + address.getHostAddress() + ", " + reason
				+ " (allow it with xorstack.outbound.allowed-hosts)");
		this.reason = "must not point at " + reason + " (" + address.getHostAddress()
				+ ") unless xorstack.outbound.allowed-hosts allows it";
	}

	/** What a 400 on the URL says. */
	public String reason() {
		return this.reason;
	}

	/** The guard's refusal among {@code ex} and its causes, if any. */
	public static @Nullable RefusedAddressException in(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof RefusedAddressException refused) {
				return refused;
			}
		}
		return null;
	}

}
