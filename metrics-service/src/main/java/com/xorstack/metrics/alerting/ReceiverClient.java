package com.xorstack.metrics.alerting;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.reactor.circuitbreaker.operator.CircuitBreakerOperator;
import io.github.resilience4j.reactor.retry.RetryOperator;
import io.github.resilience4j.reactor.timelimiter.TimeLimiterOperator;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

import com.xorstack.metrics.outbound.OutboundHttp;
import com.xorstack.metrics.outbound.RefusedAddressException;

/**
 * Sends one notification to one receiver as Retry(CircuitBreaker(TimeLimiter(post))): a
 * breaker per receiver key, so one dead receiver does not slow the others (it opens when
 * half of at least {@code breaker-minimum-calls} calls failed, for
 * {@code breaker-open-wait}), exponential backoff with jitter between attempts, and no
 * retry of a call the open breaker or the outbound guard refused. HTTP receivers are
 * called through {@link OutboundHttp}: only the address the guard checked, and a redirect
 * is a failure, never followed. The delivery id goes along as {@code X-Xorstack-Delivery}
 * for receivers that dedupe.
 */
@Component
class ReceiverClient {

	private final WebClient web;

	private final CircuitBreakerRegistry breakers;

	private final Map<String, Retry> retries = new ConcurrentHashMap<>();

	private final RetryConfig retryConfig;

	private final TimeLimiter timeLimiter;

	private final MailNotifier mail;

	private final SmsNotifier sms;

	ReceiverClient(AlertingProperties properties, MailNotifier mail, SmsNotifier sms, OutboundHttp outbound) {
		this.mail = mail;
		this.sms = sms;
		this.web = outbound.client();
		this.retryConfig = RetryConfig.custom()
			.maxAttempts(properties.maxAttempts())
			.intervalFunction(IntervalFunction.ofExponentialRandomBackoff(properties.retryBackoff(), 2.0, 0.5))
			.retryOnException(
					(ex) -> !(ex instanceof CallNotPermittedException) && RefusedAddressException.in(ex) == null)
			.build();
		this.timeLimiter = TimeLimiter.of(TimeLimiterConfig.custom().timeoutDuration(properties.timeout()).build());
		int calls = properties.breakerMinimumCalls();
		this.breakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
			.slidingWindowSize(Math.max(calls, 20))
			.minimumNumberOfCalls(calls)
			.failureRateThreshold(50)
			.waitDurationInOpenState(properties.breakerOpenWait())
			.build());
	}

	Mono<Void> send(Receiver receiver, long delivery, Object payload) {
		String key = receiver.key();
		CircuitBreaker breaker = this.breakers.circuitBreaker(key);
		Retry retry = this.retries.computeIfAbsent(key, (name) -> Retry.of(name, this.retryConfig));
		Mono<Void> call = call(receiver, delivery, payload);
		return call.transformDeferred(TimeLimiterOperator.of(this.timeLimiter))
			.transformDeferred(CircuitBreakerOperator.of(breaker))
			.transformDeferred(RetryOperator.of(retry));
	}

	private Mono<Void> call(Receiver receiver, long delivery, Object payload) {
		if (payload instanceof AlertGroup group && "email".equals(receiver.type())) {
			return this.mail.send(String.valueOf(receiver.to()), group, delivery);
		}
		if (payload instanceof AlertGroup group && "sms".equals(receiver.type())) {
			return this.sms.send(String.valueOf(receiver.to()), group, delivery);
		}
		return post(receiver, delivery, payload);
	}

	private Mono<Void> post(Receiver receiver, long delivery, Object payload) {
		return this.web.post()
			.uri(String.valueOf(receiver.url()))
			.contentType(MediaType.APPLICATION_JSON)
			.header("X-Xorstack-Delivery", Long.toString(delivery))
			.bodyValue(payload)
			.retrieve()
			.onStatus(HttpStatusCode::is3xxRedirection, ClientResponse::createException)
			.toBodilessEntity()
			.then();
	}

}
