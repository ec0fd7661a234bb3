/**
 * Events between services: topic names, logical event types, and the CloudEvents 1.0
 * binary mode mapping onto Kafka records ({@code ce_*} headers, JSON data). The wire
 * names a logical type such as {@code com.xorstack.feedback.submitted.v1}, never a Java
 * class.
 */
@NullMarked
package com.xorstack.platform.events;

import org.jspecify.annotations.NullMarked;
