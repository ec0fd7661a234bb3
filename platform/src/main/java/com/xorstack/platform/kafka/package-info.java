/**
 * Kafka clients of a service: who it is to the broker.
 */
@NullMarked
package com.xorstack.platform.kafka;

import org.jspecify.annotations.NullMarked;
