package com.xorstack.gateway.edge;

/**
 * A body went past the limit while streaming in. Public so that the circuit breakers can
 * ignore it ({@code resilience4j.circuitbreaker.configs.default.ignore-exceptions}): a
 * caller's oversized body says nothing about the service's health.
 */
public class RequestBodyTooLargeException extends RuntimeException {

	RequestBodyTooLargeException(long limit) {
		super("The request body is larger than " + limit + " bytes.");
	}

}
