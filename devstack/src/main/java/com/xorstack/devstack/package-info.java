/**
 * The local stack without containers: PostgreSQL databases, Redis, a single-node Kafka
 * broker in KRaft mode and Keycloak run as child processes on loopback, then the five
 * services from their exec jars. {@link com.xorstack.devstack.DevStack} is the
 * infrastructure alone (what integration tests need), {@link com.xorstack.devstack.Suite}
 * adds the services (what e2e and {@code ./xorstack up} need). Every child process is
 * stopped on close and again on JVM exit, so nothing outlives the run that started it.
 */
@NullMarked
package com.xorstack.devstack;

import org.jspecify.annotations.NullMarked;
