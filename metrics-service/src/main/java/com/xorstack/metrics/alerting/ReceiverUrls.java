package com.xorstack.metrics.alerting;

import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;

import com.xorstack.metrics.outbound.OutboundGuard;
import com.xorstack.metrics.outbound.RefusedAddressException;
import com.xorstack.platform.web.InvalidParameterException;

/**
 * The outbound guard's word on a rule's receiver URLs when it is saved: a URL on an
 * address the guard refuses is a 400 naming {@code receivers[i].url}. A host that does
 * not resolve now is accepted (DNS may be down, or the name not published yet); the guard
 * checks it again at every delivery, and a refusal then shows in the rule's history.
 */
@Component
class ReceiverUrls {

	private final OutboundGuard guard;

	ReceiverUrls(OutboundGuard guard) {
		this.guard = guard;
	}

	Mono<Void> check(List<Receiver> receivers) {
		return Flux.range(0, receivers.size()).concatMap((i) -> check(i, receivers.get(i))).then();
	}

	private Mono<Void> check(int index, Receiver receiver) {
		String url = receiver.url();
		if (url == null) {
			return Mono.empty();
		}
		return this.guard.check(URI.create(url))
			.onErrorMap(RefusedAddressException.class,
					(ex) -> new InvalidParameterException("receivers[" + index + "].url", ex.reason()))
			.onErrorResume(UnknownHostException.class, (ex) -> Mono.empty())
			.then();
	}

}
