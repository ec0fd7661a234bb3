package com.xorstack.metrics.outbound;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings under {@code xorstack.outbound}: the host names, addresses and CIDR ranges
 * (such as {@code 127.0.0.1}, {@code hooks.internal}, {@code 10.20.0.0/16}) that
 * admin-given URLs may reach although the guard refuses them otherwise.
 */
@ConfigurationProperties("xorstack.outbound")
record OutboundProperties(@DefaultValue List<String> allowedHosts) {
}
