package com.xorstack.metrics.alerting;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import reactor.test.StepVerifier;

import org.springframework.http.ProblemDetail;

import com.xorstack.metrics.outbound.OutboundGuard;
import com.xorstack.platform.web.InvalidParameterException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A receiver's host name is judged by what it resolves to: a name of a loopback address
 * is refused like the address, naming the receiver's url, unless the allow-list has it.
 */
class ReceiverUrlsTests {

	private static final OutboundGuard.Dns HOSTS = (host) -> switch (host) {
		case "hooks.example.com" -> new InetAddress[] { InetAddress.getByName("93.184.215.14") };
		case "sneaky.example.com" -> new InetAddress[] { InetAddress.getByName("127.0.0.1") };
		default -> throw new UnknownHostException(host);
	};

	private static final List<Receiver> RECEIVERS = List.of(new Receiver("email", null, "oncall@example.com"),
			new Receiver("slack", "https://hooks.example.com/services/x", null),
			new Receiver("webhook", "http://sneaky.example.com:8082/actuator", null));

	@Test
	void aHostNameOfALoopbackAddressIsRefusedNamingItsUrl() {
		ReceiverUrls urls = new ReceiverUrls(new OutboundGuard(List.of(), HOSTS));

		StepVerifier.create(urls.check(RECEIVERS)).expectErrorSatisfies((ex) -> {
			ProblemDetail problem = ((InvalidParameterException) ex).getBody();
			assertThat(problem.getStatus()).isEqualTo(400);
			assertThat(problem.getProperties()).extractingByKey("errors")
				.asInstanceOf(InstanceOfAssertFactories.LIST)
				.first()
				.isEqualTo(Map.of("field", "receivers[2].url", "message",
						"must not point at a loopback address (127.0.0.1) unless xorstack.outbound.allowed-hosts allows it"));
		}).verify();
	}

	@Test
	void anAllowListedAddressOrAnUnresolvableHostIsAccepted() {
		ReceiverUrls allowing = new ReceiverUrls(new OutboundGuard(List.of("127.0.0.1"), HOSTS));
		ReceiverUrls strict = new ReceiverUrls(new OutboundGuard(List.of(), HOSTS));

		StepVerifier.create(allowing.check(RECEIVERS)).verifyComplete();
		StepVerifier.create(strict.check(List.of(new Receiver("webhook", "https://not-yet.example.com/x", null))))
			.verifyComplete();
	}

}
