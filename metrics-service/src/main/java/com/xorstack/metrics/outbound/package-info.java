/**
 * Outbound requests to admin-given URLs (alert receivers; uptime checks to come): one
 * guard that resolves a host once, refuses loopback, link-local, private, shared,
 * multicast and this host's own addresses unless {@code xorstack.outbound.allowed-hosts}
 * names them, and an HTTP client that connects to exactly the address the guard checked
 * and follows no redirect.
 */
@NullMarked
package com.xorstack.metrics.outbound;

import org.jspecify.annotations.NullMarked;
